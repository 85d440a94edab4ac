// Working hours (per weekday, open and close in the site's zone) and holidays (date and
// name) that the SLA clocks count in: the server's /admin/sla settings, which the messaging
// SLA clock already uses (src/shared/replies/sla.ts). Checked with the same rules the server
// applies (slaProblems) before saving.
import { Alert, Button, Checkbox, Group, Loader, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFICE_TIME_ZONES, SlaSettings, ZONE_OFFSET_MINUTES, slaProblems, type SlaSettings as Sla } from '../../../shared/replies/sla.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { refusalText } from './issues.js';
import { useLanguage } from '../settings/useLanguage.js';

const DAYS = [1, 2, 3, 4, 5, 6, 0] as const; // Monday first, as the office reads a week

export function HoursTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const sla = useQuery({ queryKey: ['admin.org.sla'], queryFn: () => sapa().call('admin.org.sla.get', {}) });
  const [draft, setDraft] = useState<Sla | null>(null);
  const [holiday, setHoliday] = useState({ date: '', name: '' });
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => { if (sla.data) setDraft(sla.data); }, [sla.data]);

  if (sla.isPending) return <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminOrg.loading')}</Text></Group>;
  if (sla.error) return <Alert color="red" role="alert">{errorText(t, sla.error)}</Alert>;
  if (!draft) return null;

  const setDay = (day: number, value: [string, string] | null) => {
    const hours = [...draft.hours];
    hours[day] = value;
    setDraft({ ...draft, hours });
  };
  const names = draft.holidayNames ?? {};

  function addHoliday() {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.date) || !draft) { setNotice({ ok: false, text: t('adminOrg.holidayDateNeeded') }); return; }
    if (draft.holidays.includes(holiday.date)) { setNotice({ ok: false, text: t('adminOrg.holidayTwice') }); return; }
    const holidays = [...draft.holidays, holiday.date].sort();
    setDraft({ ...draft, holidays, holidayNames: { ...names, ...(holiday.name.trim() ? { [holiday.date]: holiday.name.trim().slice(0, 100) } : {}) } });
    setHoliday({ date: '', name: '' });
    setNotice(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const parsed = SlaSettings.safeParse(draft);
    const problems = parsed.success ? slaProblems(parsed.data) : parsed.error.issues.map((i) => i.path.join('.'));
    if (!parsed.success || problems.length > 0) {
      setNotice({ ok: false, text: `${t('adminOrg.hoursInvalid')} ${problems.join('; ')}` });
      return;
    }
    try {
      await sapa().call('admin.org.sla.save', parsed.data);
      setNotice({ ok: true, text: t('adminOrg.saved') });
      await queryClient.invalidateQueries({ queryKey: ['admin.org.sla'] });
    } catch (error) {
      setNotice({ ok: false, text: refusalText(t, error) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-label={t('adminOrg.tab.hours')}>
      <Stack gap="sm" maw={760}>
        <Text size="sm" c="dimmed">{t('adminOrg.hoursIntro')}</Text>
        <NativeSelect size="xs" w={260} label={t('adminOrg.timeZone')} value={draft.timeZone ?? 'Asia/Jakarta'}
          data={OFFICE_TIME_ZONES.map((z) => ({ value: z, label: t(`adminOrg.zone.${z.replace('/', '_')}`) }))}
          onChange={(e) => {
            const zone = e.currentTarget.value as (typeof OFFICE_TIME_ZONES)[number];
            setDraft({ ...draft, timeZone: zone, utcOffsetMinutes: ZONE_OFFSET_MINUTES[zone] });
          }} />
        <Table fz="sm" aria-label={t('adminOrg.workingHours')}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('adminOrg.day')}</Table.Th><Table.Th>{t('adminOrg.open')}</Table.Th><Table.Th>{t('adminOrg.opens')}</Table.Th><Table.Th>{t('adminOrg.closes')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {DAYS.map((day) => {
              const h = draft.hours[day] ?? null;
              const dayName = t(`adminOrg.weekday.${day}`);
              return (
                <Table.Tr key={day}>
                  <Table.Td>{dayName}</Table.Td>
                  <Table.Td><Checkbox aria-label={t('adminOrg.openOn', { day: dayName })} checked={h !== null} onChange={(e) => setDay(day, e.currentTarget.checked ? ['08:00', '17:00'] : null)} /></Table.Td>
                  <Table.Td><TextInput size="xs" type="time" w={110} aria-label={t('adminOrg.opensOn', { day: dayName })} disabled={!h} value={h?.[0] ?? ''} onChange={(e) => h && setDay(day, [e.currentTarget.value, h[1]])} /></Table.Td>
                  <Table.Td><TextInput size="xs" type="time" w={110} aria-label={t('adminOrg.closesOn', { day: dayName })} disabled={!h} value={h?.[1] ?? ''} onChange={(e) => h && setDay(day, [h[0], e.currentTarget.value])} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Title order={4}>{t('adminOrg.holidays')}</Title>
        {draft.holidays.length === 0 && <Text size="sm" c="dimmed">{t('adminOrg.noHolidays')}</Text>}
        {draft.holidays.length > 0 && (
          <Table fz="sm" aria-label={t('adminOrg.holidays')}>
            <Table.Tbody>
              {draft.holidays.map((d) => (
                <Table.Tr key={d}>
                  <Table.Td title={d}>{formatDate(d, language)}</Table.Td>
                  <Table.Td>{names[d] ?? '—'}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" aria-label={t('adminOrg.removeHoliday', { date: d })}
                      onClick={() => {
                        const { [d]: _gone, ...rest } = names;
                        setDraft({ ...draft, holidays: draft.holidays.filter((x) => x !== d), holidayNames: rest });
                      }}>{t('adminOrg.remove')}</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="end" gap="xs">
          <TextInput size="xs" type="date" label={t('adminOrg.holidayDate')} value={holiday.date} onChange={(e) => setHoliday({ ...holiday, date: e.currentTarget.value })} />
          <TextInput size="xs" w={240} label={t('adminOrg.holidayName')} maxLength={100} value={holiday.name} onChange={(e) => setHoliday({ ...holiday, name: e.currentTarget.value })} />
          <Button size="xs" variant="light" onClick={addHoliday}>{t('adminOrg.addHoliday')}</Button>
        </Group>
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs">{notice.text}</Alert>}
        <Group><Button type="submit">{t('adminOrg.saveHours')}</Button></Group>
      </Stack>
    </form>
  );
}
