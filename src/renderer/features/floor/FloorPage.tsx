// The lead's floor: every agent's status and for how long, read from the server every few
// seconds while the page is open (the live floor from the event log comes later).
import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type AgentStatus } from '../../../shared/softphone.js';
import { formatDateTime } from '../../i18n/format.js';
import { errorText } from '../../i18n/error-text.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useLanguage } from '../settings/useLanguage.js';

const REFRESH_MS = 5_000;
const COLOR: Record<AgentStatus, string> = { available: 'green', on_call: 'blue', after_call_work: 'violet', break: 'orange', offline: 'gray' };

export function FloorPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const floor = useCoreQuery('floor.agents', {}, { refetchInterval: REFRESH_MS, staleTime: 0 });
  const agents = floor.data?.agents ?? [];
  return (
    <section aria-label={t('floor.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('floor.title')}</Title>
        {floor.error && (
          <Alert color="red" role="alert" variant="light">{errorText(t, floor.error)}</Alert>
        )}
        {floor.data && agents.length === 0 && <Text size="sm" c="dimmed">{t('floor.empty')}</Text>}
        {agents.length > 0 && (
          <Table striped aria-label={t('floor.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('floor.agent')}</Table.Th>
                <Table.Th>{t('floor.extension')}</Table.Th>
                <Table.Th>{t('floor.status')}</Table.Th>
                <Table.Th>{t('floor.since')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.map((a) => (
                <Table.Tr key={a.userId}>
                  <Table.Td>{a.displayName}</Table.Td>
                  <Table.Td>{a.extension ?? '—'}</Table.Td>
                  <Table.Td><Badge color={COLOR[a.status]} variant="light">{t(`floor.statuses.${a.status}`)}</Badge></Table.Td>
                  <Table.Td>{formatDateTime(a.since, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </section>
  );
}
