// The customer's e-mails still waiting for an answer, each with its response deadline in
// working time (the SLA clock): how long is left, or that it is overdue; and whether the
// sender was verified (UnverifiedSender).
import { Badge, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Customer } from '../../../shared/domain.js';
import { type InboundMessage } from '../../../shared/replies/messages.js';
import { makeCaseFromEmail } from '../cases/from-email.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { UnverifiedSender } from './UnverifiedSender.js';

export function AwaitingReply({ messages, now, customer }: { messages: InboundMessage[]; now: number; customer?: Pick<Customer, 'id' | 'tier'> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // "Make a case": one step, the case linked to the e-mail (cases/from-email.ts).
  const [made, setMade] = useState<Record<string, 'done' | 'failed'>>({});
  if (messages.length === 0) return null;
  const make = async (m: InboundMessage) => {
    if (!customer) return;
    try {
      await makeCaseFromEmail(m, customer, t('cases.fromEmail.subject', { from: m.from }));
      setMade((s) => ({ ...s, [m.id]: 'done' }));
    } catch {
      setMade((s) => ({ ...s, [m.id]: 'failed' }));
    }
  };
  return (
    <ul aria-label={t('composer.awaiting')} className="sapa-sent-list">
      {messages.map((m) => {
        const minutesLeft = Math.round((Date.parse(m.dueAt) - now) / 60_000);
        return (
          <li key={m.id}>
            <Group gap={6} wrap="nowrap">
              <Badge size="xs" color={minutesLeft < 0 ? 'red' : minutesLeft < 30 ? 'orange' : 'blue'} variant="light">
                {minutesLeft < 0 ? t('composer.overdue') : t('composer.dueIn', { minutes: minutesLeft })}
              </Badge>
              <Text size="xs">{m.subject ?? '—'} · {t('composer.dueAt', { time: formatDateTime(m.dueAt, language) })}</Text>
              <UnverifiedSender message={m} />
              {customer && made[m.id] !== 'done' && (
                <Button size="compact-xs" variant="light" type="button" onClick={() => void make(m)}
                  aria-label={t('cases.fromEmail.makeOne', { subject: m.subject ?? m.from })}>{t('cases.fromEmail.make')}</Button>
              )}
              {made[m.id] === 'done' && <Text size="xs" role="status">{t('cases.fromEmail.made')}</Text>}
              {made[m.id] === 'failed' && <Text size="xs" c="red" role="alert">{t('cases.fromEmail.failed')}</Text>}
            </Group>
          </li>
        );
      })}
    </ul>
  );
}
