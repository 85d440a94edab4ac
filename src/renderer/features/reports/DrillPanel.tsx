// The records behind one figure (e.g. the calls of team X in the quarter): a page at a time,
// with the list's own XLSX/CSV export (streamed on the server, every row).
import { Alert, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFigure, formatReportTime } from '../../../shared/report-format.js';
import { reportText } from '../../../shared/report-text.js';
import { type ReportKey } from '../../../shared/reports.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { downloadBase64 } from '../../platform/download.js';

const PAGE = 25;

export interface DrillTarget { section: string; key: string; label: string }

export function DrillPanel({ report, period, target, language, onClose }: {
  report: ReportKey; period: string; target: DrillTarget; language: 'id' | 'en'; onClose: () => void;
}) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const input = { report, period, section: target.section, key: target.key, offset, limit: PAGE, language };
  const page = useQuery({ queryKey: ['reports.drill', input], queryFn: () => sapa().call('reports.drill', input), placeholderData: keepPreviousData });
  const title = t('reports.drillTitle', { name: target.label, section: reportText(language, `section.${target.section}`) });
  const save = async (format: 'xlsx' | 'csv') => {
    setError(null);
    try {
      const file = await sapa().call('reports.drillExport', { report, period, section: target.section, key: target.key, format, language });
      downloadBase64(file.fileName, file.base64, file.mime);
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const data = page.data;
  return (
    <Paper withBorder p="xs" component="section" aria-label={title}>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h5">{title}</Title>
        <Group gap={4}>
          <Button size="compact-xs" variant="default" onClick={() => void save('xlsx')}>{t('reports.drillExportXlsx')}</Button>
          <Button size="compact-xs" variant="default" onClick={() => void save('csv')}>{t('reports.drillExportCsv')}</Button>
          <Button size="compact-xs" variant="subtle" onClick={onClose}>{t('reports.closeDrill')}</Button>
        </Group>
      </Group>
      {error && <Alert color="red" role="alert" p="xs">{error}</Alert>}
      {page.error && <Alert color="red" role="alert" p="xs">{errorText(t, page.error)}</Alert>}
      {page.isPending && <Group gap="xs" role="status"><Loader size="xs" /><Text size="xs">{t('reports.loading')}</Text></Group>}
      {data && data.total === 0 && <Text size="xs" c="dimmed" role="status">{t('reports.drillEmpty')}</Text>}
      {data && data.total > 0 && (
        <>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table fz="xs" striped aria-label={title} verticalSpacing={2}>
              <Table.Thead><Table.Tr>{data.columns.map((c) => <Table.Th key={c.key}>{reportText(language, `column.${c.key}`)}</Table.Th>)}</Table.Tr></Table.Thead>
              <Table.Tbody>
                {data.rows.map((r, i) => (
                  <Table.Tr key={i}>
                    {data.columns.map((c) => {
                      const v = r[c.key];
                      return <Table.Td key={c.key}>{c.key === 'at' && typeof v === 'string' ? formatReportTime(v, language) : formatFigure(c.kind, v ?? null, language)}</Table.Td>;
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group gap="sm">
            <Text size="xs" aria-live="polite">{t('reports.range', { from: offset + 1, to: offset + data.rows.length, total: data.total })}</Text>
            <Button size="compact-xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('reports.previousPage')}</Button>
            <Button size="compact-xs" variant="default" disabled={offset + data.rows.length >= data.total} onClick={() => setOffset(offset + PAGE)}>{t('reports.nextPage')}</Button>
          </Group>
        </>
      )}
    </Paper>
  );
}
