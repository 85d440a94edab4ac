import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type RecentCustomer } from '../../../shared/home-api.js';
import { formatDateTime } from '../../i18n/format.js';
import { TierBadge, VvipBadge } from '../customer/TierBadge.js';
import { useLanguage } from '../settings/useLanguage.js';
import { OpenCustomerButton } from './OpenCustomerButton.js';

export function RecentCustomers({ customers }: { customers: RecentCustomer[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (customers.length === 0) return <Text size="sm" c="dimmed">{t('home.noRecent')}</Text>;
  return (
    <ul aria-label={t('home.recent')} className="sapa-home-list">
      {customers.map((c) => (
        <li key={c.id}>
          <Group gap="xs" wrap="wrap">
            <OpenCustomerButton customerId={c.id} name={c.fullName} salutation={c.salutation} />
            <TierBadge tier={c.tier} size="sm" />
            {c.vvip && <VvipBadge size="sm" />}
            <Text size="xs" c="dimmed" component="span">
              {c.customerNo} · <time dateTime={c.lastContactAt}>{formatDateTime(c.lastContactAt, language)}</time>
            </Text>
          </Group>
        </li>
      ))}
    </ul>
  );
}
