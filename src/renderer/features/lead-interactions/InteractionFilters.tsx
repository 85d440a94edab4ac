// The browser's filters: lists apply at once, text boxes and dates on Filter (or Enter).
// Every control has a visible label in the lead's language.
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TIERS } from '../../../shared/domain.js';
import { BROWSER_CHANNELS, type LeadInteractionOptions } from '../../../shared/lead-interactions.js';
import { useLanguage } from '../settings/useLanguage.js';
import { EMPTY_FORM, type FilterForm } from './filter-state.js';

interface Props {
  value: FilterForm;
  options: LeadInteractionOptions | undefined;
  onChange(next: FilterForm): void;
}

type TextKey = 'from' | 'to' | 'customer' | 'minMinutes' | 'maxMinutes';

export function InteractionFilters({ value, options, onChange }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const any = { value: '', label: t('leadInteractions.any') };
  const label = (o: { labelId: string; labelEn: string }) => (language === 'id' ? o.labelId : o.labelEn);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  /** A list applies at once, with the text boxes as they are typed. */
  const pick = (key: keyof FilterForm) => (e: { currentTarget: { value: string } }) => onChange({ ...draft, [key]: e.currentTarget.value });
  const type = (key: TextKey) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [key]: e.currentTarget.value });
  const size = 'xs';

  return (
    <form onSubmit={submit} aria-label={t('leadInteractions.filters')}>
      <Group align="end" gap={6} wrap="wrap">
        <TextInput size={size} type="date" w={130} label={t('leadInteractions.from')} value={draft.from} onChange={type('from')} />
        <TextInput size={size} type="date" w={130} label={t('leadInteractions.to')} value={draft.to} onChange={type('to')} />
        <NativeSelect size={size} w={150} label={t('leadInteractions.agent')} value={draft.agentId} onChange={pick('agentId')}
          data={[any, ...(options?.agents ?? []).map((a) => ({ value: a.id, label: a.displayName }))]} />
        <NativeSelect size={size} w={130} label={t('leadInteractions.team')} value={draft.teamId} onChange={pick('teamId')}
          data={[any, ...(options?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))]} />
        <NativeSelect size={size} w={110} label={t('leadInteractions.queue')} value={draft.queue} onChange={pick('queue')}
          data={[any, ...(options?.queues ?? []).map((q) => ({ value: q.code, label: label(q) }))]} />
        <TextInput size={size} w={185} label={t('leadInteractions.customer')} placeholder={t('leadInteractions.customerHint')}
          value={draft.customer} onChange={type('customer')} maxLength={200} />
        <NativeSelect size={size} w={100} label={t('leadInteractions.tier')} value={draft.tier} onChange={pick('tier')}
          data={[any, ...TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) }))]} />
        <NativeSelect size={size} w={160} label={t('leadInteractions.disposition')} value={draft.disposition} onChange={pick('disposition')}
          data={[any, ...(options?.dispositions ?? []).map((d) => ({ value: d.code, label: label(d) }))]} />
        <TextInput size={size} w={110} inputMode="decimal" label={t('leadInteractions.minDuration')} value={draft.minMinutes} onChange={type('minMinutes')} />
        <TextInput size={size} w={110} inputMode="decimal" label={t('leadInteractions.maxDuration')} value={draft.maxMinutes} onChange={type('maxMinutes')} />
        <NativeSelect size={size} w={100} label={t('leadInteractions.direction')} value={draft.direction} onChange={pick('direction')}
          data={[any, ...(['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`history.direction.${d}`) }))]} />
        <NativeSelect size={size} w={100} label={t('leadInteractions.channel')} value={draft.channel} onChange={pick('channel')}
          data={[any, ...BROWSER_CHANNELS.map((c) => ({ value: c, label: t(`leadInteractions.channels.${c}`) }))]} />
        <NativeSelect size={size} w={150} label={t('leadInteractions.recording')} value={draft.recording} onChange={pick('recording')}
          data={[any, ...(['with', 'without', 'recovered'] as const).map((r) => ({ value: r, label: t(`leadInteractions.recordingFilter.${r}`) }))]} />
        <NativeSelect size={size} w={130} label={t('leadInteractions.evaluation')} value={draft.evaluation} onChange={pick('evaluation')}
          data={[any, ...(['evaluated', 'notEvaluated'] as const).map((r) => ({ value: r, label: t(`leadInteractions.evaluationFilter.${r}`) }))]} />
        <NativeSelect size={size} w={100} label={t('leadInteractions.sort')} value={draft.sort} onChange={pick('sort')}
          data={(['date', 'duration'] as const).map((s) => ({ value: s, label: t(`leadInteractions.sortBy.${s}`) }))} />
        <NativeSelect size={size} w={100} label={t('leadInteractions.order')} value={draft.order} onChange={pick('order')}
          data={[{ value: 'desc', label: t('leadInteractions.desc') }, { value: 'asc', label: t('leadInteractions.asc') }]} />
        <Button size={size} type="submit">{t('leadInteractions.apply')}</Button>
        <Button size={size} variant="default" onClick={() => onChange(EMPTY_FORM)}>{t('leadInteractions.clear')}</Button>
      </Group>
    </form>
  );
}
