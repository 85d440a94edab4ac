// E-mails waiting for a reply, across customers, most urgent first, with the SLA figures
// (answered within target over 30 days). Unmatched senders can be given to the customer
// open on the customer screen.
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateCoreData, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useCustomerOnScreen } from '../customer/queries.js';
import { useCustomerStore } from '../customer/store.js';
import { useLanguage } from '../settings/useLanguage.js';
import { UnverifiedSender } from './UnverifiedSender.js';
import { makeCaseFromEmail } from '../cases/from-email.js';
import { type InboundMessage } from '../../../shared/replies/messages.js';

export function InboxPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const openCustomer = useCustomerOnScreen();
  const query = useCoreQuery('messages.inbox', {});
  const inbox = query.data ?? null;
  const [assignError, setAssignError] = useState<string | null>(null);
  const error = assignError ?? (query.error ? errorCodeOf(query.error) : null);

  // Opening puts the customer on the customer screen (history and all, see customer/store.ts).
  const open = (customerId: string) => void useCustomerStore.getState().open(customerId);
  const assign = async (id: string, customerId: string) => {
    await sapa().call('messages.assign', { id, customerId }).then(() => setAssignError(null), (e: unknown) => setAssignError(errorCodeOf(e)));
    await invalidateCoreData();
  };
  // "Make a case": one step, for the e-mail's customer, linked to the e-mail (cases/from-email.ts).
  const [made, setMade] = useState<Record<string, boolean>>({});
  const makeCase = async (m: InboundMessage) => {
    if (!m.customerId) return;
    try {
      const view = await sapa().call('customers.get360', { customerId: m.customerId });
      await makeCaseFromEmail(m, view.customer, t('cases.fromEmail.subject', { from: m.from }));
      setMade((s) => ({ ...s, [m.id]: true }));
      setAssignError(null);
    } catch (e) {
      setAssignError(errorCodeOf(e));
    }
  };
  const now = Date.now();

  return (
    <section aria-label={t('inbox.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('inbox.title')}</Title>
        {error && <Alert color="red" role="alert" variant="light">{t(`errors.${error}`, { defaultValue: t('errors.other') })}</Alert>}
        {inbox && (
          <Text size="sm" role="status">
            {inbox.withinTargetRatio === null
              ? t('inbox.noFigures')
              : t('inbox.figures', { ratio: Math.round(inbox.withinTargetRatio * 100), target: Math.round(inbox.targetRatio * 100), minutes: inbox.targetMinutes })}
          </Text>
        )}
        <Table striped aria-label={t('inbox.list')}>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('inbox.due')}</Table.Th><Table.Th>{t('inbox.from')}</Table.Th><Table.Th>{t('inbox.subject')}</Table.Th><Table.Th>{t('library.actions')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(inbox?.open ?? []).map((m) => {
              const overdue = Date.parse(m.dueAt) < now;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Badge size="sm" color={overdue ? 'red' : 'blue'} variant="light">{overdue ? t('composer.overdue') : formatDateTime(m.dueAt, language)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {m.from}{m.customerId === null && <Badge ml={4} size="xs" color="orange">{t('inbox.unmatched')}</Badge>}
                    <UnverifiedSender message={m} />
                  </Table.Td>
                  <Table.Td>{m.subject ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {m.customerId && <Button size="compact-xs" variant="light" aria-label={t('inbox.openOne', { from: m.from })} onClick={() => open(m.customerId!)}>{t('inbox.open')}</Button>}
                      {m.customerId && !made[m.id] && (
                        <Button size="compact-xs" variant="light" aria-label={t('cases.fromEmail.makeOne', { subject: m.subject ?? m.from })}
                          onClick={() => void makeCase(m)}>{t('cases.fromEmail.make')}</Button>
                      )}
                      {made[m.id] && <Text size="xs" role="status">{t('cases.fromEmail.made')}</Text>}
                      {!m.customerId && openCustomer && (
                        <Button size="compact-xs" variant="light" aria-label={t('inbox.assignOne', { from: m.from, name: openCustomer.fullName })}
                          onClick={() => void assign(m.id, openCustomer.id)}>{t('inbox.assign', { name: openCustomer.fullName })}</Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
    </section>
  );
}
