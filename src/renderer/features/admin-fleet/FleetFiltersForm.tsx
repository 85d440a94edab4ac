// The fleet view's filters: version, site, update ring, last seen, signed-in user,
// machine-name search, and the sort. Text boxes apply on submit (Enter or the Filter button); lists apply at once.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FLEET_SORTS, type FleetQuery, type FleetVersions, type LastSeen } from '../../../shared/fleet.js';

export type FleetFilterState = Pick<FleetQuery, 'appVersion' | 'site' | 'ring' | 'lastSeen' | 'user' | 'machine' | 'sort' | 'order'>;

interface Props {
  value: FleetFilterState;
  versions: FleetVersions['versions'];
  onChange(next: FleetFilterState): void;
  onExport(): void;
  exporting: boolean;
}

const blankToUndefined = (s: string) => (s.trim() ? s.trim() : undefined);

export function FleetFiltersForm({ value, versions, onChange, onExport, exporting }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState({ site: value.site ?? '', ring: value.ring ?? '', user: value.user ?? '', machine: value.machine ?? '' });
  useEffect(() => setText({ site: value.site ?? '', ring: value.ring ?? '', user: value.user ?? '', machine: value.machine ?? '' }),
    [value.site, value.ring, value.user, value.machine]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ ...value, site: blankToUndefined(text.site), ring: blankToUndefined(text.ring), user: blankToUndefined(text.user), machine: blankToUndefined(text.machine) });
  }

  return (
    <form onSubmit={submit} aria-label={t('adminFleet.filters')}>
      <Group align="end" gap="xs" wrap="wrap">
        <TextInput label={t('adminFleet.machine')} placeholder={t('adminFleet.machineHint')} w={170} value={text.machine}
          onChange={(e) => setText({ ...text, machine: e.currentTarget.value })} />
        <TextInput label={t('adminFleet.user')} placeholder={t('adminFleet.userHint')} w={140} value={text.user}
          onChange={(e) => setText({ ...text, user: e.currentTarget.value })} />
        <TextInput label={t('adminFleet.site')} w={100} value={text.site}
          onChange={(e) => setText({ ...text, site: e.currentTarget.value })} />
        <TextInput label={t('adminFleet.ring')} w={110} value={text.ring}
          onChange={(e) => setText({ ...text, ring: e.currentTarget.value })} />
        <NativeSelect label={t('adminFleet.version')} w={130} value={value.appVersion ?? ''}
          data={[{ value: '', label: t('adminFleet.any') }, ...versions.map((v) => ({ value: v.appVersion, label: v.appVersion }))]}
          onChange={(e) => onChange({ ...value, appVersion: blankToUndefined(e.currentTarget.value) })} />
        <NativeSelect label={t('adminFleet.lastSeen')} w={150} value={value.lastSeen ?? ''}
          data={[{ value: '', label: t('adminFleet.any') },
            ...(['online', 'recent', 'stale'] as const).map((b) => ({ value: b, label: t(`adminFleet.band.${b}`) }))]}
          onChange={(e) => onChange({ ...value, lastSeen: (e.currentTarget.value || undefined) as LastSeen | undefined })} />
        <NativeSelect label={t('adminFleet.sort')} w={175} value={value.sort ?? 'lastSeen'}
          data={FLEET_SORTS.map((s) => ({ value: s, label: t(`adminFleet.sortBy.${s}`) }))}
          onChange={(e) => onChange({ ...value, sort: e.currentTarget.value as FleetFilterState['sort'] })} />
        <NativeSelect label={t('adminFleet.order')} w={120} value={value.order ?? ''}
          data={[{ value: '', label: t('adminFleet.orderDefault') }, { value: 'asc', label: t('adminFleet.asc') },
            { value: 'desc', label: t('adminFleet.desc') }]}
          onChange={(e) => onChange({ ...value, order: (e.currentTarget.value || undefined) as FleetFilterState['order'] })} />
        <Button type="submit">{t('adminFleet.apply')}</Button>
        <Button variant="default" onClick={onExport} loading={exporting}>{t('adminFleet.export')}</Button>
      </Group>
    </form>
  );
}
