import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Contract } from '../../../shared/domain.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { EmptyState } from './EmptyState.js';

export function ContractsTable({ contracts }: { contracts: Contract[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (contracts.length === 0) return <EmptyState>{t('contracts.empty')}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contracts.contractNo')}</Table.Th>
            <Table.Th>{t('contracts.product')}</Table.Th>
            <Table.Th>{t('contracts.startDate')}</Table.Th>
            <Table.Th>{t('contracts.endDate')}</Table.Th>
            <Table.Th>{t('contracts.monthlyFee')}</Table.Th>
            <Table.Th>{t('contracts.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contracts.map((contract) => (
            <Table.Tr key={contract.id}>
              <Table.Td>{contract.contractNo}</Table.Td>
              <Table.Td>{contract.product}</Table.Td>
              <Table.Td>{formatDate(contract.startDate, language)}</Table.Td>
              <Table.Td>{contract.endDate ? formatDate(contract.endDate, language) : t('contracts.openEnded')}</Table.Td>
              <Table.Td>{formatIdr(contract.monthlyFeeIdr, language)}</Table.Td>
              <Table.Td>{t(`contracts.statuses.${contract.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
