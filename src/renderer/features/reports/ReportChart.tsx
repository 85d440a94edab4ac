// One section's chart (echarts, tree-shaken: bar chart, grid, tooltip, the target line, SVG
// renderer) with its table view for screen readers and keyboard users: the chart is an
// image with a name, and "Chart data as table" lists exactly the bars it draws.
import { Button, Table } from '@mantine/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFigure } from '../../../shared/report-format.js';
import { reportText } from '../../../shared/report-text.js';
import { type ReportSection } from '../../../shared/reports.js';

echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export function ReportChart({ section, language }: { section: ReportSection; language: 'id' | 'en' }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const column = section.columns.find((c) => c.key === section.chart);
  const rows = section.rows;
  const title = `${reportText(language, `section.${section.id}`)}: ${column ? reportText(language, `column.${column.key}`) : ''}`;
  useEffect(() => {
    if (!ref.current || !column || asTable) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatFigure(column.kind, typeof v === 'number' ? v : null, language) },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: 10 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatFigure(column.kind, v, language) } },
      series: [{
        type: 'bar', data: rows.map((r) => r.values[column.key] ?? null), itemStyle: { color: '#1c7ed6' },
        ...(column.target ? {
          markLine: {
            symbol: 'none', lineStyle: { color: '#e03131', type: 'dashed' },
            label: { formatter: `${t('reports.target')} ${formatFigure(column.kind, column.target.value, language)}` },
            data: [{ yAxis: column.target.value }],
          },
        } : {}),
      }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [column, rows, asTable, language, t]);
  if (!column || rows.length === 0) return null;
  return (
    <div>
      <Button size="compact-xs" variant="subtle" onClick={() => setAsTable(!asTable)} aria-pressed={asTable}>
        {asTable ? t('reports.showChart') : t('reports.chartAsTable')}
      </Button>
      {asTable ? (
        <Table fz="xs" aria-label={t('reports.chartData', { title })} withTableBorder>
          <Table.Thead><Table.Tr><Table.Th>{reportText(language, 'column.label')}</Table.Th><Table.Th>{reportText(language, `column.${column.key}`)}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((r) => <Table.Tr key={r.key}><Table.Td>{r.label}</Table.Td><Table.Td>{formatFigure(column.kind, r.values[column.key], language)}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      ) : <div ref={ref} role="img" aria-label={title} style={{ width: '100%', height: 220 }} />}
    </div>
  );
}
