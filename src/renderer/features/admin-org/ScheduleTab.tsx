// The hotline schedule: which site takes inbound calls when (the server's /admin/org/schedule,
// read by the router in contact-center/schedule.ts). Windows of local time per site; a window
// whose end comes before its start runs past midnight. Saved as a whole, as the server keeps
// it, and checked with the same shared schema first. No window: every site takes calls.
import { Alert, Button, Group, Loader, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Schedule, type ScheduleWindow } from '../../../shared/org.js';
import { OFFICE_TIME_ZONES } from '../../../shared/replies/sla.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { refusalText } from './issues.js';

type Row = ScheduleWindow & { key: number };
let nextKey = 1;
const keyed = (windows: ScheduleWindow[]): Row[] => windows.map((w) => ({ ...w, key: nextKey++ }));

export function ScheduleTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const schedule = useQuery({ queryKey: ['admin.org.schedule'], queryFn: () => sapa().call('admin.org.schedule.get', {}) });
  const sites = useQuery({ queryKey: ['admin.org', 'sites', 'options'], queryFn: () => sapa().call('admin.org.sites.list', { limit: 200 }) });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => { if (schedule.data) setRows(keyed(schedule.data.windows)); }, [schedule.data]);

  if (schedule.isPending || sites.isPending) return <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminOrg.loading')}</Text></Group>;
  if (schedule.error) return <Alert color="red" role="alert">{errorText(t, schedule.error)}</Alert>;
  if (!rows) return null;
  const siteOptions = (sites.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));

  const change = (key: number, patch: Partial<ScheduleWindow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => setRows([...rows, { key: nextKey++, siteCode: siteOptions[0]?.value ?? '', startsAt: '08:00', endsAt: '17:00', timeZone: 'Asia/Jakarta' }]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!rows) return;
    const parsed = Schedule.safeParse({ windows: rows.map(({ key: _key, ...w }) => w) });
    if (!parsed.success) {
      const which = parsed.error.issues.map((i) => t('adminOrg.scheduleRowProblem', { row: Number(i.path[1] ?? 0) + 1, field: t(`adminOrg.scheduleField.${String(i.path[2] ?? 'endsAt')}`) }));
      setNotice({ ok: false, text: `${t('adminOrg.scheduleInvalid')} ${[...new Set(which)].join('; ')}` });
      return;
    }
    try {
      await sapa().call('admin.org.schedule.save', parsed.data);
      setNotice({ ok: true, text: t('adminOrg.saved') });
      await queryClient.invalidateQueries({ queryKey: ['admin.org.schedule'] });
    } catch (error) {
      setNotice({ ok: false, text: refusalText(t, error) });
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-label={t('adminOrg.tab.schedule')}>
      <Stack gap="sm" maw={860}>
        <Text size="sm" c="dimmed">{t('adminOrg.scheduleIntro')}</Text>
        {rows.length === 0 && <Text size="sm" role="status">{t('adminOrg.noSchedule')}</Text>}
        {rows.length > 0 && (
          <Table fz="sm" aria-label={t('adminOrg.scheduleTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adminOrg.scheduleField.siteCode')}</Table.Th><Table.Th>{t('adminOrg.scheduleField.startsAt')}</Table.Th>
                <Table.Th>{t('adminOrg.scheduleField.endsAt')}</Table.Th><Table.Th>{t('adminOrg.scheduleField.timeZone')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const n = i + 1;
                return (
                  <Table.Tr key={r.key}>
                    <Table.Td>
                      <NativeSelect size="xs" w={220} aria-label={t('adminOrg.scheduleSiteOf', { row: n })} value={r.siteCode}
                        data={siteOptions.some((o) => o.value === r.siteCode) ? siteOptions : [{ value: r.siteCode, label: r.siteCode }, ...siteOptions]}
                        onChange={(e) => change(r.key, { siteCode: e.currentTarget.value })} />
                    </Table.Td>
                    <Table.Td><TextInput size="xs" type="time" w={110} aria-label={t('adminOrg.scheduleStartsOf', { row: n })} value={r.startsAt} onChange={(e) => change(r.key, { startsAt: e.currentTarget.value })} /></Table.Td>
                    <Table.Td><TextInput size="xs" type="time" w={110} aria-label={t('adminOrg.scheduleEndsOf', { row: n })} value={r.endsAt} onChange={(e) => change(r.key, { endsAt: e.currentTarget.value })} /></Table.Td>
                    <Table.Td>
                      <NativeSelect size="xs" w={240} aria-label={t('adminOrg.scheduleZoneOf', { row: n })} value={r.timeZone}
                        data={OFFICE_TIME_ZONES.map((z) => ({ value: z, label: t(`adminOrg.zone.${z.replace('/', '_')}`) }))}
                        onChange={(e) => change(r.key, { timeZone: e.currentTarget.value })} />
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={t('adminOrg.scheduleRemove', { row: n })}
                        onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>{t('adminOrg.remove')}</Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Group><Button size="xs" variant="light" onClick={add} disabled={siteOptions.length === 0}>{t('adminOrg.scheduleAdd')}</Button></Group>
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs">{notice.text}</Alert>}
        <Group><Button type="submit">{t('adminOrg.scheduleSave')}</Button></Group>
      </Stack>
    </form>
  );
}
