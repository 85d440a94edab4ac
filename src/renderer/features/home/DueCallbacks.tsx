import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type HomeCallback } from '../../../shared/home-api.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { CallNumberButton } from '../customer/CallNumberButton.js';
import { OpenCustomerButton } from './OpenCustomerButton.js';

export function DueCallbacks({ callbacks }: { callbacks: HomeCallback[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (callbacks.length === 0) return <Text size="sm" c="dimmed">{t('home.noCallbacks')}</Text>;
  return (
    <ul aria-label={t('home.callbacks')} className="sapa-home-list">
      {callbacks.map((c) => (
        <li key={c.id} className={c.overdue ? 'sapa-overdue' : undefined} data-overdue={c.overdue || undefined}>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600} component="span"><time dateTime={c.dueAt}>{formatDateTime(c.dueAt, language)}</time></Text>
            {c.overdue && <Badge color="red" variant="filled" size="sm">{t('home.overdue')}</Badge>}
            <OpenCustomerButton customerId={c.customerId} name={c.customerName} salutation={c.salutation} />
            {c.phoneE164 && <CallNumberButton e164={c.phoneE164} />}
          </Group>
          {c.note && <Text size="xs">{c.note}</Text>}
        </li>
      ))}
    </ul>
  );
}
