// The admin's audit log: who did what, when and from where, newest first. Filters narrow
// it (action, user, subject, days); "Load more" pages back in time (keyset on the entry
// id); Export saves the filtered log as CSV (the export is audited too).
import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AuditQuery } from '../../../shared/audit.js';
import { formatDateTime } from '../../i18n/format.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { downloadText } from '../../platform/download.js';

type Filters = Pick<AuditQuery, 'action' | 'actor' | 'subject' | 'from' | 'to'>;
const FIELDS = ['action', 'actor', 'subject', 'from', 'to'] as const;
const PAGE = 50;

/** Only the filled-in fields: an empty box is "any". */
function filtersOf(form: Record<(typeof FIELDS)[number], string>): Filters {
  const out: Filters = {};
  for (const field of FIELDS) {
    const value = form[field].trim();
    if (value) out[field] = value;
  }
  return out;
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form, setForm] = useState({ action: '', actor: '', subject: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>({});
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const log = useInfiniteQuery({
    queryKey: ['admin.audit.list', filters],
    queryFn: ({ pageParam }) => sapa().call('admin.audit.list', { ...filters, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(filtersOf(form));
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const { fileName, csv } = await sapa().call('admin.audit.exportCsv', filters);
      downloadText(fileName, csv);
    } catch (error) {
      setExportError(errorText(t, error));
    } finally {
      setExporting(false);
    }
  }

  const loadError = log.error ? errorText(t, log.error) : null;

  return (
    <section aria-label={t('audit.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('audit.title')}</Title>
        <form onSubmit={apply} aria-label={t('audit.filters')}>
          <Group align="end" gap="sm" wrap="wrap">
            <TextInput label={t('audit.action')} placeholder={t('audit.actionHint')} value={form.action} w={170}
              onChange={(e) => setForm({ ...form, action: e.currentTarget.value })} />
            <TextInput label={t('audit.actor')} placeholder={t('audit.actorHint')} value={form.actor} w={150}
              onChange={(e) => setForm({ ...form, actor: e.currentTarget.value })} />
            <TextInput label={t('audit.subject')} value={form.subject} w={170}
              onChange={(e) => setForm({ ...form, subject: e.currentTarget.value })} />
            <TextInput type="date" label={t('audit.from')} value={form.from} w={150}
              onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} />
            <TextInput type="date" label={t('audit.to')} value={form.to} w={150}
              onChange={(e) => setForm({ ...form, to: e.currentTarget.value })} />
            <Button type="submit">{t('audit.apply')}</Button>
            <Button variant="default" onClick={() => void exportCsv()} loading={exporting}>{t('audit.export')}</Button>
          </Group>
        </form>
        {(loadError ?? exportError) && (
          <Alert color="red" role="alert" variant="light">{loadError ?? exportError}</Alert>
        )}
        {log.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('audit.loading')}</Text></Group>}
        {log.isSuccess && entries.length === 0 && <Text size="sm" c="dimmed">{t('audit.empty')}</Text>}
        {entries.length > 0 && (
          <Table striped aria-label={t('audit.list')} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.at')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.subject')}</Table.Th>
                <Table.Th>{t('audit.ip')}</Table.Th>
                <Table.Th>{t('audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, language)}</Table.Td>
                  <Table.Td>{e.actorName ?? t('audit.system')}</Table.Td>
                  <Table.Td><Code>{e.action}</Code></Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{e.subject ?? '—'}</Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{e.details ? JSON.stringify(e.details) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {log.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('audit.more')}
            </Button>
          </Group>
        )}
      </Stack>
    </section>
  );
}
