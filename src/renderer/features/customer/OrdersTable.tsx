import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Order } from '../../../shared/domain.js';
import { formatDateTime, formatIdr } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { EmptyState } from './EmptyState.js';

export function OrdersTable({ orders }: { orders: Order[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (orders.length === 0) return <EmptyState>{t('orders.empty')}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.orderNo')}</Table.Th>
            <Table.Th>{t('orders.product')}</Table.Th>
            <Table.Th>{t('orders.amount')}</Table.Th>
            <Table.Th>{t('orders.status')}</Table.Th>
            <Table.Th>{t('orders.placedAt')}</Table.Th>
            <Table.Th>{t('orders.history')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={order.id}>
              <Table.Td>{order.orderNo}</Table.Td>
              <Table.Td>{order.product}</Table.Td>
              <Table.Td>{formatIdr(order.amountIdr, language)}</Table.Td>
              <Table.Td>{t(`orders.statuses.${order.status}`)}</Table.Td>
              <Table.Td>{formatDateTime(order.placedAt, language)}</Table.Td>
              <Table.Td>
                <ol className="sapa-plain-list">
                  {order.statusHistory.map((step) => (
                    <li key={`${step.status}-${step.at}`}>
                      <Text size="xs" span>
                        {t(`orders.statuses.${step.status}`)} · {formatDateTime(step.at, language)}
                      </Text>
                    </li>
                  ))}
                </ol>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
