// Messages sent to this customer, newest first; a failed one says why and can be retried.
import { Badge, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type OutboundMessage } from '../../../shared/replies/messages.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';

const COLORS = { sent: 'green', failed: 'red', queued: 'gray' } as const;

export function SentMessages({ messages, onRetry }: { messages: OutboundMessage[]; onRetry(id: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (messages.length === 0) return null;
  return (
    <ul aria-label={t('composer.sentList')} className="sapa-sent-list">
      {messages.slice(0, 10).map((m) => (
        <li key={m.id}>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" color={COLORS[m.status]} variant="light">{t(`composer.status.${m.status}`)}</Badge>
            <Text size="xs">{t(`composer.${m.channel}`)} · {m.to} · {formatDateTime(m.createdAt, language)}</Text>
            {m.status !== 'sent' && (
              <Button size="compact-xs" variant="light" aria-label={t('composer.retryOne', { to: m.to })} onClick={() => onRetry(m.id)}>
                {t('composer.retry')}
              </Button>
            )}
          </Group>
          {m.error && <Text size="xs" c="red">{m.error}</Text>}
        </li>
      ))}
    </ul>
  );
}
