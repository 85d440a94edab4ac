// The customer's e-mails still waiting for an answer, each with its response deadline in
// working time (the SLA clock): how long is left, or that it is overdue; and whether the
// sender was verified (UnverifiedSender).
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type InboundMessage } from '../../../shared/replies/messages.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { UnverifiedSender } from './UnverifiedSender.js';

export function AwaitingReply({ messages, now }: { messages: InboundMessage[]; now: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (messages.length === 0) return null;
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
            </Group>
          </li>
        );
      })}
    </ul>
  );
}
