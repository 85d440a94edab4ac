// The customer's orders in progress at a glance, on the profile card: "Order ORD-123:
// Provisioning · expected 5 Dec 2026". Final orders (delivered, installed, cancelled) are
// left to the orders tab.
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Order } from '../../../shared/domain.js';
import { formatDate } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { businessDay, inProgress, statusColour } from './order-display.js';

const SHOWN = 3;

export function OrderGlance({ orders }: { orders: readonly Order[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const open = orders.filter(inProgress).slice(0, SHOWN);
  if (open.length === 0) return null;
  return (
    <ul aria-label={t('orders.glanceLabel')} className="sapa-plain-list sapa-order-glance">
      {open.map((o) => (
        <li key={o.id}>
          <Group gap={6} wrap="nowrap">
            <Badge color={statusColour(o.status)} variant="light" size="sm">{t(`orders.statuses.${o.status}`)}</Badge>
            <Text size="sm" span>
              {t('orders.glance', { orderNo: o.orderNo, status: t(`orders.statuses.${o.status}`) })}
              {o.expectedAt ? `, ${t('orders.glanceExpected', { date: formatDate(businessDay(o.expectedAt), language) })}` : ''}
            </Text>
          </Group>
        </li>
      ))}
    </ul>
  );
}
