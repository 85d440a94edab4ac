// The admins' fleet view: every desktop with its version, update state, who is signed in
// and when it was last heard from; filters, sort and pages; the count per version; CSV
// export (audited on the server). Refreshed every 30 s so "online" stays true.
import { useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text.js';
import { downloadText } from '../../platform/download.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { FleetFiltersForm, type FleetFilterState } from './FleetFiltersForm.js';
import { FleetTable } from './FleetTable.js';
import { VersionSummary } from './VersionSummary.js';

const PAGE = 50;
const REFRESH_MS = 30_000;
const FILTER_KEYS = ['appVersion', 'site', 'ring', 'lastSeen', 'user', 'machine'] as const;

export function FleetPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filters, setFilters] = useState<FleetFilterState>({ sort: 'lastSeen' });
  const [offset, setOffset] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  const query = { ...filters, offset, limit: PAGE };
  const list = useQuery({
    queryKey: ['admin.fleet.list', query],
    queryFn: () => sapa().call('admin.fleet.list', query),
    staleTime: 0, refetchInterval: REFRESH_MS, placeholderData: keepPreviousData,
  });
  const versions = useQuery({
    queryKey: ['admin.fleet.versions'],
    queryFn: () => sapa().call('admin.fleet.versions', {}),
    staleTime: 0, refetchInterval: REFRESH_MS,
  });

  function change(next: FleetFilterState) {
    setFilters(next);
    setOffset(0);
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const { fileName, csv } = await sapa().call('admin.fleet.exportCsv', filters);
      downloadText(fileName, csv);
    } catch (error) {
      setExportError(errorText(t, error));
    } finally {
      setExporting(false);
    }
  }

  const page = list.data;
  const error = list.error ?? versions.error;
  const shown = page?.desktops ?? [];
  return (
    <section aria-label={t('adminFleet.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('adminFleet.title')}</Title>
        <VersionSummary versions={versions.data?.versions ?? []} selected={filters.appVersion}
          onSelect={(appVersion) => change({ ...filters, appVersion })} />
        <FleetFiltersForm value={filters} versions={versions.data?.versions ?? []} onChange={change}
          onExport={() => void exportCsv()} exporting={exporting} />
        {(error ?? exportError) && (
          <Alert color="red" role="alert" variant="light">
            {error ? errorText(t, error) : exportError}
            {error && <Button size="compact-sm" variant="subtle" ml="sm" onClick={() => { void list.refetch(); void versions.refetch(); }}>
              {t('adminFleet.retry')}
            </Button>}
          </Alert>
        )}
        {list.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminFleet.loading')}</Text></Group>}
        {page && page.total === 0 && (
          <Text size="sm" c="dimmed">
            {FILTER_KEYS.some((k) => filters[k] !== undefined) ? t('adminFleet.emptyFiltered') : t('adminFleet.empty')}
          </Text>
        )}
        {page && shown.length > 0 && (
          <>
            <FleetTable rows={shown} nowMs={Date.parse(page.now)} language={language} />
            <Group gap="sm">
              <Text size="sm" aria-live="polite">
                {t('adminFleet.range', { from: offset + 1, to: offset + shown.length, total: page.total })}
              </Text>
              <Button size="compact-sm" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('adminFleet.previous')}
              </Button>
              <Button size="compact-sm" variant="default" disabled={offset + shown.length >= page.total}
                onClick={() => setOffset(offset + PAGE)}>
                {t('adminFleet.next')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </section>
  );
}
