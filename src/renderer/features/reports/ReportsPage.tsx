// The Reports screen (/reports, leads and admins: reports.view): pick a report and a period
// (month, Triwulan, Semester, year, or a custom range of days), compare with the previous
// period or the same one last year, read each section as a table with its chart (and the
// chart's table view), drill from a row to the records behind it, export XLSX/PDF/CSV (the
// server audits each), and schedule the report by mail. Figures read in the UI language.
import { Alert, Button, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  customPeriod, localDay, PERIOD_KINDS, periodContaining, periodLabel, previousPeriod, type Period, type PeriodKind,
} from '../../../shared/report-periods.js';
import { reportText } from '../../../shared/report-text.js';
import { type ComparePeriod, type ExportFormat, type ReportKey, type ReportRow } from '../../../shared/reports.js';
import { useReadableReports } from './readable-reports.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { downloadBase64 } from '../../platform/download.js';
import { useLanguage } from '../settings/useLanguage.js';
import { DrillPanel, type DrillTarget } from './DrillPanel.js';
import { ReportChart } from './ReportChart.js';
import { ReportTable } from './ReportTable.js';
import { SchedulesPanel } from './SchedulesPanel.js';

const HOW_MANY: Record<Exclude<PeriodKind, 'custom'>, number> = { month: 24, quarter: 12, semester: 8, year: 5 };

/** The current period of a kind and the ones before it, newest first. */
function recentPeriods(kind: Exclude<PeriodKind, 'custom'>): Period[] {
  const out = [periodContaining(kind, localDay(new Date()))];
  while (out.length < HOW_MANY[kind]) out.push(previousPeriod(out[out.length - 1] as Period));
  return out;
}

export function ReportsPage() {
  const { t } = useTranslation();
  const language: 'id' | 'en' = useLanguage() === 'en' ? 'en' : 'id';
  const readable = useReadableReports();
  const [report, setReport] = useState<ReportKey>(readable[0] ?? 'service');
  const [kind, setKind] = useState<PeriodKind>('month');
  const [periodKey, setPeriodKey] = useState<string>(() => periodContaining('month', localDay(new Date())).key);
  const [range, setRange] = useState({ from: localDay(new Date()), to: localDay(new Date()) });
  const [compare, setCompare] = useState<ComparePeriod>('none');
  const [breakdown, setBreakdown] = useState<string>('');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [showSchedules, setShowSchedules] = useState(false);

  const options = useMemo(() => (kind === 'custom' ? [] : recentPeriods(kind)), [kind]);
  let rangeProblem: string | null = null;
  let key = periodKey;
  if (kind === 'custom') {
    try { key = customPeriod(range.from, range.to).key; } catch (e) { rangeProblem = e instanceof Error ? e.message : String(e); }
  }
  const input = { report, period: key, compare, language };
  const result = useQuery({
    queryKey: ['reports.run', input], queryFn: () => sapa().call('reports.run', input),
    enabled: rangeProblem === null, placeholderData: keepPreviousData, staleTime: 30_000,
  });
  const data = result.data;
  const charted = data?.sections.filter((s) => s.chart !== null) ?? [];
  const shownId = charted.find((s) => s.id === breakdown)?.id ?? charted[0]?.id ?? '';
  const sections = data?.sections.filter((s) => s.chart === null || s.id === shownId) ?? [];

  const pickKind = (k: PeriodKind) => {
    setKind(k);
    setDrill(null);
    if (k !== 'custom') setPeriodKey(periodContaining(k, localDay(new Date())).key);
  };
  const save = async (format: ExportFormat) => {
    setExportError(null);
    setExporting(format);
    try {
      const file = await sapa().call('reports.export', { ...input, format });
      downloadBase64(file.fileName, file.base64, file.mime);
    } catch (e) {
      setExportError(errorText(t, e));
    } finally {
      setExporting(null);
    }
  };
  const openDrill = (section: string, row: ReportRow) => setDrill({ section, key: row.key, label: row.label });

  return (
    <section aria-label={t('reports.title')}>
      <Stack gap="xs" p="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">{t('reports.title')}</Title>
          <Button size="compact-sm" variant="default" onClick={() => setShowSchedules(!showSchedules)} aria-expanded={showSchedules}>
            {t('reports.schedules')}
          </Button>
        </Group>
        {showSchedules && <SchedulesPanel language={language} />}
        <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label={t('reports.choose')}>
          <NativeSelect size="xs" label={t('reports.report')} value={report} onChange={(e) => { setReport(e.currentTarget.value as ReportKey); setDrill(null); setBreakdown(''); }}>
            {readable.map((k) => <option key={k} value={k}>{reportText(language, `report.${k}`)}</option>)}
          </NativeSelect>
          <NativeSelect size="xs" label={t('reports.periodKind')} value={kind} onChange={(e) => pickKind(e.currentTarget.value as PeriodKind)}>
            {PERIOD_KINDS.map((k) => <option key={k} value={k}>{t(`reports.kinds.${k}`)}</option>)}
          </NativeSelect>
          {kind !== 'custom' ? (
            <NativeSelect size="xs" label={t('reports.period')} value={periodKey} onChange={(e) => { setPeriodKey(e.currentTarget.value); setDrill(null); }}>
              {options.map((p) => <option key={p.key} value={p.key}>{periodLabel(p, language)}</option>)}
            </NativeSelect>
          ) : (
            <>
              <TextInput size="xs" type="date" label={t('reports.from')} value={range.from} onChange={(e) => setRange({ ...range, from: e.currentTarget.value })} />
              <TextInput size="xs" type="date" label={t('reports.to')} value={range.to} onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
                error={rangeProblem ? t('reports.badRange', { problem: rangeProblem }) : undefined} />
            </>
          )}
          <NativeSelect size="xs" label={t('reports.compare')} value={compare} onChange={(e) => setCompare(e.currentTarget.value as ComparePeriod)}>
            <option value="none">{t('reports.compareNone')}</option>
            <option value="previous">{t('reports.comparePrevious')}</option>
            <option value="lastYear">{t('reports.compareLastYear')}</option>
          </NativeSelect>
          {charted.length > 0 && (
            <NativeSelect size="xs" label={t('reports.breakdown')} value={shownId} onChange={(e) => { setBreakdown(e.currentTarget.value); setDrill(null); }}>
              {charted.map((s) => <option key={s.id} value={s.id}>{reportText(language, `section.${s.id}`)}</option>)}
            </NativeSelect>
          )}
          <Group gap={4} mb={2}>
            {(['xlsx', 'pdf', 'csv'] as const).map((f) => (
              <Button key={f} size="compact-sm" variant="default" disabled={!data || exporting !== null} loading={exporting === f}
                onClick={() => void save(f)}>{t(`reports.export.${f}`)}</Button>
            ))}
          </Group>
        </Group>
        {data && (
          <Text size="xs" c="dimmed">
            {periodLabel(data.period, language)}{data.compare ? ` · ${t('reports.comparedWith', { period: periodLabel(data.compare, language) })}` : ''}
          </Text>
        )}
        {exportError && <Alert color="red" role="alert" p="xs">{exportError}</Alert>}
        {result.error && (
          <Alert color="red" role="alert" p="xs">
            {errorText(t, result.error)}
            <Button size="compact-xs" variant="subtle" ml="sm" onClick={() => void result.refetch()}>{t('reports.retry')}</Button>
          </Alert>
        )}
        {(result.isPending || result.isFetching) && rangeProblem === null && (
          <Group gap="xs" role="status"><Loader size="xs" /><Text size="xs">{t('reports.loading')}</Text></Group>
        )}
        {data && data.sections.every((s) => s.rows.length === 0 || s.rows.every((r) => Object.values(r.values).every((v) => !v))) && (
          <Text size="sm" c="dimmed" role="status">{t('reports.empty')}</Text>
        )}
        {drill && data && (
          <DrillPanel report={report} period={data.period.key} target={drill} language={language} onClose={() => setDrill(null)} />
        )}
        {sections.map((s) => (
          <Stack key={s.id} gap={2}>
            <Title order={3} size="h5">{reportText(language, `section.${s.id}`)}</Title>
            <ReportTable section={s} language={language} onDrill={(row) => openDrill(s.id, row)} />
            {s.chart && <ReportChart section={s} language={language} />}
          </Stack>
        ))}
      </Stack>
    </section>
  );
}
