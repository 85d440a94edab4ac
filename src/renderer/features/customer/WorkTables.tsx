// The tabs of open work, each a RecordTable with its own columns (orders: features/orders/OrdersPanel.tsx).
import { Badge, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Case, type Contract, type Receivable } from '../../../shared/domain.js';
import { formatDate, formatDateTime, formatIdr } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { isCaseOverdue, isReceivableOverdue } from './overdue.js';
import { RecordTable, type Column } from './RecordTable.js';
import { CaseStatusControl } from '../cases/CaseStatusControl.js';
import { SlaClock } from '../cases/SlaClock.js';

/** `onOpen`: the cases tab opens a case's detail (notes, replies: cases/CaseDetail.tsx). */
export function CasesTable({ cases, onOpen }: { cases: Case[]; onOpen?: (c: Case) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = new Date();
  const columns: Column<Case>[] = [
    {
      header: t('cases.caseNo'),
      // The number opens the case (its events, notes, replies) where the tab offers it.
      cell: (c) => (c.version === 0 ? <Badge size="xs" color="gray" variant="light">{t('cases.waiting')}</Badge>
        : onOpen ? (
          <Button size="compact-xs" variant="subtle" px={2} onClick={() => onOpen(c)} aria-label={t('cases.detail.openOne', { caseNo: c.caseNo })}>
            {c.caseNo}
          </Button>
        ) : c.caseNo),
    },
    { header: t('cases.subject'), cell: (c) => c.subject },
    { header: t('cases.status'), cell: (c) => t(`cases.statuses.${c.status}`) },
    // The clock before the rest: at 1366 px the table's right edge scrolls.
    { header: t('cases.slaDue'), cell: (c) => <SlaClock item={c} /> },
    { header: t('cases.move'), cell: (c) => <CaseStatusControl item={c} /> },
    { header: t('cases.priority'), cell: (c) => t(`cases.priorities.${c.priority}`) },
    { header: t('cases.category'), cell: (c) => t(`cases.categories.${c.category}`, { defaultValue: c.category }) },
    { header: t('cases.dueAt'), cell: (c) => formatDateTime(c.slaDueAt, language) },
    { header: t('cases.openedAt'), cell: (c) => formatDateTime(c.openedAt, language) },
  ];
  return <RecordTable rows={cases} columns={columns} empty={t('cases.empty')} label={t('cases.list')} overdue={(c) => isCaseOverdue(c, now)} />;
}

export function ReceivablesTable({ receivables }: { receivables: Receivable[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = new Date();
  const columns: Column<Receivable>[] = [
    { header: t('receivables.invoiceNo'), cell: (r) => r.invoiceNo },
    { header: t('receivables.issuedAt'), cell: (r) => formatDate(r.issuedAt, language) },
    { header: t('receivables.dueDate'), cell: (r) => formatDate(r.dueDate, language) },
    { header: t('receivables.amount'), cell: (r) => formatIdr(r.amountIdr, language) },
    { header: t('receivables.paid'), cell: (r) => formatIdr(r.paidIdr, language) },
    { header: t('receivables.outstanding'), cell: (r) => formatIdr(Math.max(0, r.amountIdr - r.paidIdr), language) },
    {
      header: t('receivables.status'),
      cell: (r) => (isReceivableOverdue(r, now)
        ? <Badge color="red" variant="filled">{t('receivables.overdue')}</Badge>
        : t(`receivables.statuses.${r.status}`)),
    },
  ];
  return (
    <RecordTable rows={receivables} columns={columns} striped={false} empty={t('receivables.empty')}
      overdue={(r) => isReceivableOverdue(r, now)} />
  );
}

export function ContractsTable({ contracts }: { contracts: Contract[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns: Column<Contract>[] = [
    { header: t('contracts.contractNo'), cell: (c) => c.contractNo },
    { header: t('contracts.product'), cell: (c) => c.product },
    { header: t('contracts.startDate'), cell: (c) => formatDate(c.startDate, language) },
    { header: t('contracts.endDate'), cell: (c) => (c.endDate ? formatDate(c.endDate, language) : t('contracts.openEnded')) },
    { header: t('contracts.monthlyFee'), cell: (c) => formatIdr(c.monthlyFeeIdr, language) },
    { header: t('contracts.status'), cell: (c) => t(`contracts.statuses.${c.status}`) },
  ];
  return <RecordTable rows={contracts} columns={columns} minWidth={600} empty={t('contracts.empty')} />;
}
