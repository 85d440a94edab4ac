// The back office's work queue (orders.backoffice): the agents' open notes and customer
// requests on orders, oldest first, each with its customer (opens the customer screen), the
// order and its status, what is asked (a wanted date for a reschedule), who filed it and
// whether the order system has taken it. "Mark done" with a note closes it; the customer's
// timeline says so (decision 0027).
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_REQUEST_TEXT_MAX, type OrderRequest } from '../../../shared/orders.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { OpenCustomerButton } from '../home/OpenCustomerButton.js';
import { useLanguage } from '../settings/useLanguage.js';
import { statusColour } from './order-display.js';

function DoneForm({ request, onDone }: { request: OrderRequest; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sapa().call('orderRequests.done', { id: request.id, ...(note.trim() ? { note: note.trim() } : {}) });
      await Promise.all([invalidateMethod('orderRequests.list'), invalidateMethod('customers.history')]);
      onDone(t('orderRequests.doneSaved', { orderNo: request.orderNo }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="form" aria-label={t('orderRequests.doneTitle', { orderNo: request.orderNo })}
      onSubmit={(e: FormEvent) => void submit(e)}>
      <Group align="end">
        <TextInput label={t('orderRequests.doneNote')} value={note} maxLength={ORDER_REQUEST_TEXT_MAX} w={420}
          onChange={(e) => setNote(e.currentTarget.value)} data-autofocus autoFocus />
        <Button type="submit" loading={busy}>{t('orderRequests.doneSave')}</Button>
      </Group>
      {error && <Alert color="red" role="alert" mt="xs">{error}</Alert>}
    </Paper>
  );
}

export function OrderRequestsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const list = useCoreQuery('orderRequests.list', { status: 'open' }, { staleTime: 0 });
  const [selected, setSelected] = useState<OrderRequest | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const rows = list.data?.requests ?? [];
  return (
    <Stack gap="sm" p="md">
      <Title order={2}>{t('orderRequests.title')}</Title>
      {saved && <Alert color="green" role="status">{saved}</Alert>}
      {selected && <DoneForm key={selected.id} request={selected} onDone={(m) => { setSaved(m); setSelected(null); }} />}
      {list.error && <Alert color="red" role="alert">{errorText(t, list.error)}</Alert>}
      {list.data && rows.length === 0 && <Text c="dimmed">{t('orderRequests.empty')}</Text>}
      {rows.length > 0 && (
        <Table striped highlightOnHover aria-label={t('orderRequests.table')} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orderRequests.customer')}</Table.Th>
              <Table.Th>{t('orderRequests.order')}</Table.Th>
              <Table.Th>{t('orderRequests.request')}</Table.Th>
              <Table.Th>{t('orderRequests.filed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><OpenCustomerButton customerId={r.customerId} name={r.customerName} salutation={r.salutation} /></Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} span>{r.orderNo}</Text>{' '}
                  <Badge size="xs" variant="light" color={statusColour(r.orderStatus)}>{t(`orders.statuses.${r.orderStatus}`)}</Badge>
                  <Text size="xs" c="dimmed">{r.product}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} span>{t(`orders.request.kinds.${r.kind}`)}</Text>
                  {r.wantedDate && <Text size="sm" span> · {t('orderRequests.wanted', { date: formatDate(r.wantedDate, language) })}</Text>}
                  {r.body && <Text size="xs">{r.body}</Text>}
                  {r.acknowledgedAt && <Badge size="xs" color="teal" variant="outline">{t('orderRequests.acknowledged')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{formatDateTime(r.createdAt, language)}</Text>
                  {r.createdBy && <Text size="xs" c="dimmed">{t('orderRequests.by', { user: r.createdBy })}</Text>}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" aria-label={t('orderRequests.doneOne', { orderNo: r.orderNo })}
                    onClick={() => { setSaved(null); setSelected(r); }}>
                    {t('orderRequests.done')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
