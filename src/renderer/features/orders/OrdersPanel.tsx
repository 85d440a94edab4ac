// The customer's orders tab: each order with its status badge and expected date; a row opens
// its status history (received, verified, provisioning…, with dates) and the form for a note
// or a customer request (reschedule to a wanted date, cancel, other). A request goes through
// core's outbox (offline too), shows in the timeline at once and lands in the back office's
// queue (docs/orders-contracts.md).
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_FINAL_STATUSES, type Order } from '../../../shared/domain.js';
import { ORDER_REQUEST_KINDS, ORDER_REQUEST_TEXT_MAX, type OrderRequestKind } from '../../../shared/orders.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatDateTime, formatIdr } from '../../i18n/format.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { EmptyState } from '../customer/EmptyState.js';
import { useLanguage } from '../settings/useLanguage.js';
import { businessDay, statusColour, todayInJakarta } from './order-display.js';

function RequestForm({ order, onDone, onClose }: { order: Order; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const final = ORDER_FINAL_STATUSES.includes(order.status);
  const kinds = final ? (['note'] as const) : ORDER_REQUEST_KINDS;
  const [kind, setKind] = useState<OrderRequestKind>(kinds[0]);
  const [date, setDate] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (kind === 'reschedule' && !date) { setError(t('orders.request.dateRequired')); return; }
    if ((kind === 'other' || kind === 'note') && !body.trim()) { setError(t('orders.request.bodyRequired')); return; }
    setBusy(true);
    try {
      await sapa().call('orders.request', {
        orderId: order.id, kind, ...(kind === 'reschedule' ? { wantedDate: date } : {}), ...(body.trim() ? { body: body.trim() } : {}),
      });
      await invalidateMethod('customers.history');
      onDone(t('orders.request.saved', { orderNo: order.orderNo }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="form" aria-label={t('orders.request.title', { orderNo: order.orderNo })}
      onSubmit={(e: FormEvent) => void submit(e)}>
      <Stack gap="xs">
        {final && <Text size="xs" c="dimmed">{t('orders.request.finalOnlyNote', { status: t(`orders.statuses.${order.status}`) })}</Text>}
        <Group align="end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('orders.request.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as OrderRequestKind)}
            data={kinds.map((k) => ({ value: k, label: t(`orders.request.kinds.${k}`) }))}
          />
          {kind === 'reschedule' && (
            <TextInput type="date" label={t('orders.request.wantedDate')} value={date} min={todayInJakarta()}
              onChange={(e) => setDate(e.currentTarget.value)} required />
          )}
        </Group>
        <Textarea label={t('orders.request.body')} value={body} maxLength={ORDER_REQUEST_TEXT_MAX} autosize minRows={2} maxRows={4}
          onChange={(e) => setBody(e.currentTarget.value)} />
        {error && <Alert color="red" role="alert" variant="light">{error}</Alert>}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>{t('orders.request.save')}</Button>
          <Button type="button" size="xs" variant="default" onClick={onClose}>{t('orders.request.cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function OrdersPanel({ orders }: { orders: Order[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [requesting, setRequesting] = useState<Order | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (orders.length === 0) return <EmptyState>{t('orders.empty')}</EmptyState>;
  const toggle = (id: string) => setExpanded((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  const COLUMNS = 7;
  return (
    <Stack gap="sm">
      {saved && <Alert color="green" role="status" variant="light">{saved}</Alert>}
      {requesting && (
        <RequestForm key={requesting.id} order={requesting} onClose={() => setRequesting(null)}
          onDone={(m) => { setSaved(m); setRequesting(null); }} />
      )}
      {/* Status, expected date and the request button first: at 1366 px the table's right edge scrolls. */}
      <Table.ScrollContainer minWidth={700}>
        <Table highlightOnHover aria-label={t('tabs.orders')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.orderNo')}</Table.Th>
              <Table.Th>{t('orders.status')}</Table.Th>
              <Table.Th>{t('orders.expected')}</Table.Th>
              <Table.Th>{t('orders.actions')}</Table.Th>
              <Table.Th>{t('orders.product')}</Table.Th>
              <Table.Th>{t('orders.amount')}</Table.Th>
              <Table.Th>{t('orders.placedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((o) => {
              const open = expanded.has(o.id);
              const historyId = `sapa-order-history-${o.id}`;
              return (
                <Fragment key={o.id}>
                  <Table.Tr>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" aria-expanded={open} aria-controls={historyId}
                        aria-label={t('orders.showHistory', { orderNo: o.orderNo })} onClick={() => toggle(o.id)}>
                        {open ? '▾' : '▸'} {o.orderNo}
                      </Button>
                    </Table.Td>
                    <Table.Td><Badge color={statusColour(o.status)} variant="light">{t(`orders.statuses.${o.status}`)}</Badge></Table.Td>
                    <Table.Td>{o.expectedAt ? formatDate(businessDay(o.expectedAt), language) : t('orders.noExpected')}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="light" aria-label={t('orders.requestOpen', { orderNo: o.orderNo })}
                        onClick={() => { setSaved(null); setRequesting(o); }}>
                        {t('orders.requestButton')}
                      </Button>
                    </Table.Td>
                    <Table.Td>{o.product}</Table.Td>
                    <Table.Td>{formatIdr(o.amountIdr, language)}</Table.Td>
                    <Table.Td>{formatDateTime(o.placedAt, language)}</Table.Td>
                  </Table.Tr>
                  {open && (
                    <Table.Tr id={historyId}>
                      <Table.Td colSpan={COLUMNS}>
                        {o.statusHistory.length === 0
                          ? <Text size="xs" c="dimmed">{t('orders.noHistory')}</Text>
                          : (
                            <ol aria-label={t('orders.historyOf', { orderNo: o.orderNo })} className="sapa-plain-list">
                              {o.statusHistory.map((step) => (
                                <li key={`${step.status}-${step.at}`}>
                                  <Text size="xs" span>{t(`orders.statuses.${step.status}`)} · {formatDateTime(step.at, language)}</Text>
                                </li>
                              ))}
                            </ol>
                          )}
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
