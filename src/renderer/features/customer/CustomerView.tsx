// The customer screen: the profile card on top; below it the history and open work (tabs)
// beside the agent's working column (notes, call-backs, reply) so the timeline stays in
// view while the agent writes. Narrow screens stack the two columns.
import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../platform/errors.js';
import { CustomerProfile } from './CustomerProfile.js';
import { CustomerTabs } from './CustomerTabs.js';
import { useCustomer360 } from './queries.js';
import { NotesPanel } from '../notes/NotesPanel.js';
import { ComposerPanel } from '../composer/ComposerPanel.js';
import { ConversationPanel } from '../messages/ConversationPanel.js';
import { useCurrentConversation } from '../messages/current-conversation.js';
import { useSoftphoneStore } from '../softphone/store.js';
import { callNeedingValidation, checkKey, useIdentityChecks, validated } from './identity-check.js';
import { IdentityChecklist } from './IdentityChecklist.js';

export function CustomerView({ customerId }: { customerId: string | null }) {
  const { t } = useTranslation();
  const view = useCustomer360(customerId, { reread: true });
  const error = view.error ? errorCodeOf(view.error) : null;
  const data = view.data;
  const unvalidatedCall = useSoftphoneStore((s) => callNeedingValidation(s.calls));
  const ticked = useIdentityChecks((s) => (unvalidatedCall && customerId ? s.ticked[checkKey(unvalidatedCall.id, customerId)] : undefined));
  const mustValidate = unvalidatedCall !== undefined && !validated(ticked);
  // The SMS/WhatsApp conversation being worked, when it is this customer's (features/messages).
  const conversationId = useCurrentConversation(customerId);
  return (
    <section aria-label={t('customer.profile')} className="sapa-customer">
      {!customerId && (
        <Text c="dimmed" p="lg">
          {t('customer.noneSelected')}
        </Text>
      )}
      {customerId && view.isPending && !error && (
        <Group gap="xs" p="lg" role="status">
          <Loader size="sm" />
          <Text size="sm">{t('customer.loading')}</Text>
        </Group>
      )}
      {error && customerId && (
        <Alert color="red" role="alert" variant="light" m="md">
          {error === 'NOT_FOUND'
            ? t('customer.notFound')
            : error === 'OFFLINE'
              ? t('errors.OFFLINE')
              : error === 'THROTTLED'
                ? t('errors.THROTTLED')
                : t('customer.loadError')}{' '}
          {error !== 'NOT_FOUND' && error !== 'THROTTLED' && (
            <button type="button" className="sapa-link-button" onClick={() => void view.refetch()}>
              {t('history.retry')}
            </button>
          )}
        </Alert>
      )}
      {data && data.customer.id === customerId && mustValidate && unvalidatedCall && (
        <IdentityChecklist
          callId={unvalidatedCall.id} customer={data.customer}
          reason={unvalidatedCall.pop.status === 'unknown' ? 'unknownNumber' : 'notVerified'}
        />
      )}
      {data && data.customer.id === customerId && !mustValidate && (
        <Stack gap="md">
          <CustomerProfile customer={data.customer} complaintsLast90Days={data.complaintsLast90Days} orders={data.orders} />
          <div className="sapa-customer-columns">
            <div className="sapa-customer-main">
              <CustomerTabs key={data.customer.id} data={data} />
            </div>
            <div className="sapa-customer-work">
              {conversationId && <ConversationPanel key={conversationId} conversationId={conversationId} customer={data.customer} />}
              <NotesPanel customerId={data.customer.id} />
              <ComposerPanel key={data.customer.id} data={data} />
            </div>
          </div>
        </Stack>
      )}
    </section>
  );
}
