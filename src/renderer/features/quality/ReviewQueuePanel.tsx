// The lead's review queue: the sampled interactions due (soonest first), overdue ones marked,
// who they are assigned to (or "Unassigned": over a cap), and Review, which opens the review
// view with the score panel. Scoring clears the item (the server does, in the evaluation).
import { type Language } from '../../../shared/domain.js';
import { Alert, Badge, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';

export function ReviewQueuePanel({ language, canManage, onOpen }: { language: Language; canManage: boolean; onOpen(interactionId: string): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const queue = useQuery({ queryKey: ['quality.queue.list'], queryFn: () => sapa().call('quality.queue.list', { status: 'open' }), staleTime: 0 });
  const run = useMutation({
    mutationFn: () => sapa().call('quality.sampling.run', {}),
    onSuccess: () => { void client.invalidateQueries({ queryKey: ['quality.queue.list'] }); },
  });
  const items = queue.data?.items ?? [];
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.queue.title')}>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5">{t('quality.queue.title')}</Title>
        {canManage && <Button size="xs" variant="default" loading={run.isPending} onClick={() => run.mutate()}>{t('quality.queue.run')}</Button>}
      </Group>
      {run.data && <Text size="xs" role="status">{t('quality.queue.ran', run.data)}</Text>}
      {(queue.error ?? run.error) != null && <Alert color="red" role="alert" p={6}>{errorText(t, queue.error ?? run.error)}</Alert>}
      {queue.isPending && <Group gap="xs"><Loader size="xs" /><Text size="xs">{t('quality.loading')}</Text></Group>}
      {queue.data && items.length === 0 && <Text size="sm" c="dimmed">{t('quality.queue.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700} mah={260}>
          <Table striped highlightOnHover aria-label={t('quality.queue.table')} fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('quality.queue.due')}</Table.Th><Table.Th>{t('quality.mine.agent')}</Table.Th>
                <Table.Th>{t('quality.queue.customer')}</Table.Th><Table.Th>{t('quality.queue.when')}</Table.Th>
                <Table.Th>{t('quality.queue.why')}</Table.Th><Table.Th>{t('quality.queue.assignee')}</Table.Th><Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    {formatDateTime(i.dueAt, language)}{' '}
                    {i.overdue && <Badge size="xs" color="red">{t('quality.queue.overdue')}</Badge>}
                  </Table.Td>
                  <Table.Td>{i.agentName}</Table.Td>
                  <Table.Td>{i.customerName ?? '—'}{i.vvip && <Badge size="xs" ml={4}>VVIP</Badge>}</Table.Td>
                  <Table.Td>{formatDateTime(i.startedAt, language)}{i.subject ? ` · ${i.subject}` : ''}</Table.Td>
                  <Table.Td>{i.policyName ?? t(`quality.sampling.kinds.${i.kind}`, { defaultValue: i.kind })}</Table.Td>
                  <Table.Td>{i.assigneeName ?? <Badge size="xs" color="orange">{t('quality.queue.unassigned')}</Badge>}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" onClick={() => onOpen(i.interactionId)}
                      aria-label={t('quality.queue.review', { agent: i.agentName, date: formatDateTime(i.startedAt, language) })}>
                      {t('quality.queue.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
