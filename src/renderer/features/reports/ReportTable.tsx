// One section as a table: a row per team/queue/agent…, each figure as the language writes it,
// the comparison period's figure beneath when asked, a figure past its target marked (not by
// colour alone: "over target" is in its name), and the row's name a button that lists the
// records behind it (drill-down).
import { Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFigure, meetsTarget } from '../../../shared/report-format.js';
import { reportText } from '../../../shared/report-text.js';
import { type ReportRow, type ReportSection } from '../../../shared/reports.js';

export function ReportTable({ section, language, onDrill }: {
  section: ReportSection; language: 'id' | 'en'; onDrill: (row: ReportRow) => void;
}) {
  const { t } = useTranslation();
  const rows = section.total ? [...section.rows, section.total] : section.rows;
  const title = reportText(language, `section.${section.id}`);
  // A name column when a row is named — the total counts, so an empty period still says "Total".
  const labelled = rows.some((r) => r.label);
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table fz="xs" striped aria-label={title} verticalSpacing={3} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {labelled && <Table.Th>{reportText(language, 'column.label')}</Table.Th>}
            {section.columns.map((c) => <Table.Th key={c.key} style={{ textAlign: 'right' }}>{reportText(language, `column.${c.key}`)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} fw={r === section.total ? 700 : undefined}>
              {labelled && (
                <Table.Th scope="row" fw={r === section.total ? 700 : 400}>
                  {r.drill ? (
                    <Button size="compact-xs" variant="subtle" onClick={() => onDrill(r)} aria-label={t('reports.drillInto', { name: r.label, section: title })}>
                      {r.label}
                    </Button>
                  ) : r.label}
                </Table.Th>
              )}
              {section.columns.map((c) => {
                const v = r.values[c.key];
                const met = meetsTarget(c, v);
                // A missed target points the way it was missed: over a ceiling (AHT) ▲, under a floor (% of target) ▼.
                const under = c.target?.better === 'above';
                return (
                  <Table.Td key={c.key} style={{ textAlign: 'right' }} data-column={c.key}>
                    <Text size="xs" span c={met === false ? 'red.8' : undefined} fw={met === false ? 700 : undefined}
                      aria-label={met === false ? t(under ? 'reports.underTarget' : 'reports.overTarget', { value: formatFigure(c.kind, v, language) }) : undefined}>
                      {formatFigure(c.kind, v, language)}{met === false ? (under ? ' ▼' : ' ▲') : ''}
                    </Text>
                    {r.compare && (
                      <Text size="xs" c="dimmed" display="block">{t('reports.was', { value: formatFigure(c.kind, r.compare[c.key], language) })}</Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
          {rows.length === 0 && <Table.Tr><Table.Td colSpan={section.columns.length + 1}><Text size="xs" c="dimmed">{t('reports.noRows')}</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
