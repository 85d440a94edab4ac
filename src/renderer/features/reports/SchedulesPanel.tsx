// Scheduled reports: which report, how often (each month, quarter, semester or year — mailed
// on the first working day of the next one with the period just ended attached), the file
// format and language, and who receives it (the report's readers with an e-mail address).
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatReportTime } from '../../../shared/report-format.js';
import { reportText } from '../../../shared/report-text.js';
import { mayReadReport, SCHEDULE_KINDS, type ExportFormat, type ReportKey } from '../../../shared/reports.js';
import { useReadableReports } from './readable-reports.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';

export function SchedulesPanel({ language }: { language: 'id' | 'en' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['reports.schedules'], queryFn: () => sapa().call('reports.schedules', {}) });
  const readable = useReadableReports();
  const [report, setReport] = useState<ReportKey>(readable[0] ?? 'service');
  const [kind, setKind] = useState<(typeof SCHEDULE_KINDS)[number]>('month');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [mailLanguage, setMailLanguage] = useState<'id' | 'en'>(language);
  const [to, setTo] = useState<string[]>([]);
  // A success is kept as its key, so it follows a change of language; an error keeps the text made for it.
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['reports.schedules'] });
  const save = async () => {
    try {
      await sapa().call('reports.scheduleCreate', { report, periodKind: kind, format, language: mailLanguage, recipientIds: to });
      setNotice({ ok: true, text: 'reports.scheduleSaved' });
      setTo([]);
      await refresh();
    } catch (e) {
      setNotice({ ok: false, text: errorText(t, e) });
    }
  };
  const remove = async (id: string) => {
    try {
      await sapa().call('reports.scheduleDelete', { id });
      await refresh();
    } catch (e) {
      setNotice({ ok: false, text: errorText(t, e) });
    }
  };
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('reports.schedules')}>
      <Title order={3} size="h5" mb={4}>{t('reports.schedules')}</Title>
      <Stack gap={6}>
        <form aria-label={t('reports.newSchedule')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <NativeSelect size="xs" label={t('reports.report')} value={report} onChange={(e) => setReport(e.currentTarget.value as ReportKey)}>
              {readable.map((k) => <option key={k} value={k}>{reportText(language, `report.${k}`)}</option>)}
            </NativeSelect>
            <NativeSelect size="xs" label={t('reports.every')} value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
              {SCHEDULE_KINDS.map((k) => <option key={k} value={k}>{t(`reports.kinds.${k}`)}</option>)}
            </NativeSelect>
            <NativeSelect size="xs" label={t('reports.format')} value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
              <option value="xlsx">XLSX</option><option value="pdf">PDF</option><option value="csv">CSV</option>
            </NativeSelect>
            <NativeSelect size="xs" label={t('reports.mailLanguage')} value={mailLanguage} onChange={(e) => setMailLanguage(e.currentTarget.value as 'id' | 'en')}>
              <option value="id">Bahasa Indonesia</option><option value="en">English</option>
            </NativeSelect>
          </Group>
          <Checkbox.Group label={t('reports.recipients')} value={to} onChange={setTo} size="xs" mt={4}>
            <Group gap="sm" mt={2}>
              {(list.data?.recipients ?? []).filter((p) => mayReadReport(p.role, report)).map((p) => (
                <Checkbox key={p.id} value={p.id} disabled={!p.email}
                  label={p.email ? `${p.name} <${p.email}>` : t('reports.noEmail', { name: p.name })} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button type="submit" size="compact-sm" mt={6} disabled={to.length === 0}>{t('reports.saveSchedule')}</Button>
        </form>
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} p="xs">{notice.ok ? t(notice.text) : notice.text}</Alert>}
        {list.error && <Alert color="red" role="alert" p="xs">{errorText(t, list.error)}</Alert>}
        {list.data && list.data.items.length === 0 && <Text size="xs" c="dimmed">{t('reports.noSchedules')}</Text>}
        {list.data && list.data.items.length > 0 && (
          <Table fz="xs" aria-label={t('reports.scheduleList')} verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.report')}</Table.Th><Table.Th>{t('reports.every')}</Table.Th><Table.Th>{t('reports.format')}</Table.Th>
                <Table.Th>{t('reports.recipients')}</Table.Th><Table.Th>{t('reports.nextSend')}</Table.Th><Table.Th>{t('reports.lastSent')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{reportText(language, `report.${s.report}`)}</Table.Td>
                  <Table.Td>{t(`reports.kinds.${s.periodKind}`)}</Table.Td>
                  <Table.Td>{s.format.toUpperCase()}</Table.Td>
                  <Table.Td>{s.recipients.map((r) => r.name).join(', ')}</Table.Td>
                  <Table.Td>{formatReportTime(s.nextSendAt, language)}</Table.Td>
                  <Table.Td>{s.lastSentAt ? formatReportTime(s.lastSentAt, language) : '—'}{s.lastError ? ` · ${s.lastError}` : ''}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(s.id)}
                      aria-label={t('reports.deleteSchedule', { report: reportText(language, `report.${s.report}`) })}>{t('reports.delete')}</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
