// E-mails waiting for a reply, most urgent first (the shared inbox: the server has no
// per-agent assignment of e-mails yet). They live on the server, so offline this section
// says so while the rest of the home still shows.
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../platform/errors.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { slaClock, slaTone, formatSlaClock } from './sla-clock.js';
import { HomeSection } from './HomeSection.js';
import { useCustomerStore } from '../customer/store.js';
import { UnverifiedSender } from '../composer/UnverifiedSender.js';

const SHOWN = 5;

export function WaitingEmails() {
  const { t } = useTranslation();
  const inbox = useCoreQuery('messages.inbox', {});
  const open = inbox.data?.open ?? [];
  const now = Date.now();
  return (
    <HomeSection title={t('home.emails')} {...(inbox.data ? { count: open.length } : {})}>
      {inbox.error && (
        <Text size="sm" c="dimmed" role="status">
          {errorCodeOf(inbox.error) === 'OFFLINE' ? t('home.emailsOffline') : t('home.error')}
        </Text>
      )}
      {inbox.data && open.length === 0 && <Text size="sm" c="dimmed">{t('home.noEmails')}</Text>}
      {open.length > 0 && (
        <ul aria-label={t('home.emails')} className="sapa-home-list">
          {open.slice(0, SHOWN).map((m) => {
            const clock = slaClock(m.dueAt, now);
            return (
              <li key={m.id}>
                <Group gap="xs" wrap="wrap">
                  <Badge color={slaTone(clock)} variant="light" size="sm">{formatSlaClock(clock, t)}</Badge>
                  {m.customerId ? (
                    <button type="button" className="sapa-link-button" aria-label={t('inbox.openOne', { from: m.from })}
                      onClick={() => void useCustomerStore.getState().open(m.customerId!)}>
                      {m.from}
                    </button>
                  ) : (
                    <Text size="sm" component="span">{m.from} <Badge size="xs" color="orange">{t('inbox.unmatched')}</Badge></Text>
                  )}
                  <UnverifiedSender message={m} />
                </Group>
                <Text size="xs">{m.subject ?? '—'}</Text>
              </li>
            );
          })}
        </ul>
      )}
      {open.length > SHOWN && (
        <Anchor component={Link} to="/inbox" size="sm">{t('home.allEmails', { count: open.length })}</Anchor>
      )}
    </HomeSection>
  );
}
