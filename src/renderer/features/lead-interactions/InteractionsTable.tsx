// The browser's page of interactions: when, channel, agent and team, customer with tier,
// disposition, duration, recording (a recovered one marked). Each row's subject is a button
// that opens the review; the sort is the filters' (server-side), shown in the header.
import { Badge, Button, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language } from '../../../shared/domain.js';
import { type LeadInteractionRow } from '../../../shared/lead-interactions.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';

interface Props {
  rows: LeadInteractionRow[];
  language: Language;
  sort: 'date' | 'duration';
  order: 'asc' | 'desc';
  /** A disposition code's label in the lead's language. */
  dispositionLabel(code: string): string;
  onOpen(id: string): void;
}

export function RecoveredBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('leadInteractions.recoveredHint')} multiline w={260}>
      <Badge size="sm" color="orange" variant="light" title={t('leadInteractions.recoveredHint')}>{t('leadInteractions.recovered')}</Badge>
    </Tooltip>
  );
}

export function InteractionsTable({ rows, language, sort, order, dispositionLabel, onOpen }: Props) {
  const { t } = useTranslation();
  const ariaSort = (column: 'date' | 'duration') => (sort === column ? (order === 'asc' ? 'ascending' : 'descending') : undefined);
  return (
    <Table striped highlightOnHover aria-label={t('leadInteractions.list')} fz="sm" verticalSpacing={3}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th aria-sort={ariaSort('date')}>{t('leadInteractions.when')}</Table.Th>
          <Table.Th>{t('leadInteractions.channel')}</Table.Th>
          <Table.Th>{t('leadInteractions.subject')}</Table.Th>
          <Table.Th>{t('leadInteractions.agent')}</Table.Th>
          <Table.Th>{t('leadInteractions.customer')}</Table.Th>
          <Table.Th>{t('leadInteractions.disposition')}</Table.Th>
          <Table.Th aria-sort={ariaSort('duration')}>{t('leadInteractions.duration')}</Table.Th>
          <Table.Th>{t('leadInteractions.recording')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const subject = r.subject ?? t('leadInteractions.noSubject');
          return (
            <Table.Tr key={r.id} data-interaction-id={r.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}><time dateTime={r.startedAt}>{formatDateTime(r.startedAt, language)}</time></Table.Td>
              <Table.Td>
                {t(`history.channels.${r.channel}`, { defaultValue: r.channel })}
                <Text size="xs" c="dimmed">{t(`history.direction.${r.direction}`)}</Text>
              </Table.Td>
              <Table.Td maw={260}>
                <Button variant="subtle" size="compact-sm" px={4} onClick={() => onOpen(r.id)} aria-label={t('leadInteractions.open', { subject })}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}>
                  {subject}
                </Button>
              </Table.Td>
              <Table.Td>{r.agentName ?? '—'}{r.teamName && <Text size="xs" c="dimmed">{r.teamName}</Text>}</Table.Td>
              <Table.Td>
                {r.customerName}
                <Text size="xs" c="dimmed">{r.customerNo} · {t(`tier.${r.tier}`)}{r.vvip ? ' · VVIP' : ''}</Text>
              </Table.Td>
              <Table.Td>{r.disposition === null ? '—' : dispositionLabel(r.disposition)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.durationSec === null ? '—' : formatDuration(r.durationSec)}</Table.Td>
              <Table.Td>{r.recovered === true ? <RecoveredBadge /> : r.recordingId ? '✓' : '—'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
