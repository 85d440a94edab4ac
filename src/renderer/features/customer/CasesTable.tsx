import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Case } from '../../../shared/domain.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { EmptyState } from './EmptyState.js';
import { isCaseOverdue } from './overdue.js';

export function CasesTable({ cases }: { cases: Case[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (cases.length === 0) return <EmptyState>{t('cases.empty')}</EmptyState>;
  const now = new Date();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cases.caseNo')}</Table.Th>
            <Table.Th>{t('cases.category')}</Table.Th>
            <Table.Th>{t('cases.subject')}</Table.Th>
            <Table.Th>{t('cases.priority')}</Table.Th>
            <Table.Th>{t('cases.status')}</Table.Th>
            <Table.Th>{t('cases.openedAt')}</Table.Th>
            <Table.Th>{t('cases.slaDue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((item) => {
            const overdue = isCaseOverdue(item, now);
            return (
              <Table.Tr key={item.id} className={overdue ? 'sapa-overdue' : undefined} data-overdue={overdue || undefined}>
                <Table.Td>{item.caseNo}</Table.Td>
                <Table.Td>{item.category}</Table.Td>
                <Table.Td>{item.subject}</Table.Td>
                <Table.Td>{t(`cases.priorities.${item.priority}`)}</Table.Td>
                <Table.Td>{t(`cases.statuses.${item.status}`)}</Table.Td>
                <Table.Td>{formatDateTime(item.openedAt, language)}</Table.Td>
                <Table.Td>
                  {formatDateTime(item.slaDueAt, language)}{' '}
                  {overdue && (
                    <Badge color="red" variant="filled" size="sm">
                      {t('cases.overdue')}
                    </Badge>
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
