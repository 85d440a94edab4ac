import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Receivable } from '../../../shared/domain.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { EmptyState } from './EmptyState.js';
import { isReceivableOverdue } from './overdue.js';

export function ReceivablesTable({ receivables }: { receivables: Receivable[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (receivables.length === 0) return <EmptyState>{t('receivables.empty')}</EmptyState>;
  const now = new Date();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('receivables.invoiceNo')}</Table.Th>
            <Table.Th>{t('receivables.issuedAt')}</Table.Th>
            <Table.Th>{t('receivables.dueDate')}</Table.Th>
            <Table.Th>{t('receivables.amount')}</Table.Th>
            <Table.Th>{t('receivables.paid')}</Table.Th>
            <Table.Th>{t('receivables.outstanding')}</Table.Th>
            <Table.Th>{t('receivables.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {receivables.map((item) => {
            const overdue = isReceivableOverdue(item, now);
            return (
              <Table.Tr key={item.id} className={overdue ? 'sapa-overdue' : undefined} data-overdue={overdue || undefined}>
                <Table.Td>{item.invoiceNo}</Table.Td>
                <Table.Td>{formatDate(item.issuedAt, language)}</Table.Td>
                <Table.Td>{formatDate(item.dueDate, language)}</Table.Td>
                <Table.Td>{formatIdr(item.amountIdr, language)}</Table.Td>
                <Table.Td>{formatIdr(item.paidIdr, language)}</Table.Td>
                <Table.Td>{formatIdr(Math.max(0, item.amountIdr - item.paidIdr), language)}</Table.Td>
                <Table.Td>
                  {overdue ? (
                    <Badge color="red" variant="filled">
                      {t('receivables.overdue')}
                    </Badge>
                  ) : (
                    t(`receivables.statuses.${item.status}`)
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
