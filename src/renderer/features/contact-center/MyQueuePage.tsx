// "My queue": what waits in the queues this agent works — calls, e-mails, call-backs — with
// the oldest wait. Read again on every offer or state push and every few seconds, so the
// figures move while the agent watches.
import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text.js';
import { formatDuration } from '../../i18n/format.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useLanguage } from '../settings/useLanguage.js';

const REFRESH_MS = 5_000;

export function MyQueuePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queue = useCoreQuery('cc.myQueue', {}, { refetchInterval: REFRESH_MS, staleTime: 0 });
  const rows = queue.data?.queues ?? [];
  return (
    <Stack p="md" gap="sm">
      <Title order={2} size="h3">{t('contactCenter.myQueue')}</Title>
      {queue.error && <Alert color="red" role="alert">{errorText(t, queue.error)}</Alert>}
      <Table striped withTableBorder aria-label={t('contactCenter.waitingTable')} maw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contactCenter.queue')}</Table.Th>
            <Table.Th ta="right">{t('contactCenter.calls')}</Table.Th>
            <Table.Th ta="right">{t('contactCenter.emails')}</Table.Th>
            <Table.Th ta="right">{t('contactCenter.callbacks')}</Table.Th>
            <Table.Th ta="right">{t('contactCenter.oldestWait')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((q) => (
            <Table.Tr key={q.queueCode}>
              <Table.Th scope="row">{language === 'id' ? q.labelId : q.labelEn}</Table.Th>
              <Table.Td ta="right">{q.waiting.call}</Table.Td>
              <Table.Td ta="right">{q.waiting.email}</Table.Td>
              <Table.Td ta="right">{q.waiting.callback}</Table.Td>
              <Table.Td ta="right">{q.oldestWaitSec === null ? '—' : formatDuration(q.oldestWaitSec)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {queue.isSuccess && rows.length === 0 && <Text size="sm">{t('contactCenter.noQueues')}</Text>}
    </Stack>
  );
}
