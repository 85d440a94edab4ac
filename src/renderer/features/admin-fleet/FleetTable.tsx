// One row per desktop: machine and OS, who is signed in, site, app version, update state
// (phase, version, %, where it came from, the error of a failed step), last seen (relative,
// with the exact time on hover), cache size and last sync. The ring column appears once a
// desktop is in a ring (Administration → Releases → Rings).
import { Badge, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language } from '../../../shared/domain.js';
import { type FleetRow } from '../../../shared/fleet.js';
import { formatDateTime } from '../../i18n/format.js';
import { formatBytes, lastSeenBand, relativeSince } from './fleet-format.js';

const BAND_COLOR = { online: 'green', recent: 'yellow', stale: 'gray' } as const;

function UpdateCell({ row }: { row: FleetRow }) {
  const { t } = useTranslation();
  const u = row.updateState;
  if (!u) return <Text size="xs" c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      <Text size="xs">{t(`adminFleet.phase.${u.phase}`)}{u.version ? ` ${u.version}` : ''}</Text>
      {u.phase === 'downloading' && u.percent !== undefined && (
        <Progress size="xs" value={u.percent} aria-label={t('adminFleet.downloaded', { percent: Math.round(u.percent) })} />
      )}
      {u.source && <Text size="xs" c="dimmed">{t('adminFleet.from', { source: u.source })}</Text>}
      {u.error && <Text size="xs" c="red" lineClamp={2} title={u.error}>{u.error}</Text>}
    </Stack>
  );
}

export function FleetTable({ rows, nowMs, language }: { rows: FleetRow[]; nowMs: number; language: Language }) {
  const { t } = useTranslation();
  const showRing = rows.some((r) => r.ring !== null);
  return (
    <Table striped highlightOnHover aria-label={t('adminFleet.list')} fz="sm" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('adminFleet.machine')}</Table.Th>
          <Table.Th>{t('adminFleet.user')}</Table.Th>
          <Table.Th>{t('adminFleet.site')}</Table.Th>
          {showRing && <Table.Th>{t('adminFleet.ring')}</Table.Th>}
          <Table.Th>{t('adminFleet.version')}</Table.Th>
          <Table.Th>{t('adminFleet.update')}</Table.Th>
          <Table.Th>{t('adminFleet.lastSeen')}</Table.Th>
          <Table.Th>{t('adminFleet.cache')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const band = lastSeenBand(r.lastSeenAt, nowMs);
          return (
            <Table.Tr key={r.installId}>
              {/* Machine names (SBY-CC-16) and OS versions are codes IT reads whole: they wrap
                  only where they would not fit at all, never letter by letter in a narrow cell. */}
              <Table.Td miw={100} style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm">{r.machineName}</Text>
                <Text size="xs" c="dimmed">{t(`adminFleet.os.${r.os}`, { defaultValue: r.os })} {r.osVersion}</Text>
                {/* The install id's start: what IT matches against a desktop's data folder. */}
                <Text size="xs" c="dimmed" ff="monospace" title={r.installId}>{r.installId.slice(0, 8)}</Text>
              </Table.Td>
              <Table.Td>{r.displayName ?? '—'}{r.username && <Text size="xs" c="dimmed">{r.username}</Text>}</Table.Td>
              <Table.Td>{r.siteCode ?? '—'}</Table.Td>
              {showRing && <Table.Td>{r.ring ?? '—'}</Table.Td>}
              <Table.Td>
                <Text size="sm">{r.appVersion}</Text>
                {r.electronVersion && <Text size="xs" c="dimmed">Electron {r.electronVersion}</Text>}
              </Table.Td>
              <Table.Td miw={140} maw={220}><UpdateCell row={r} /></Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Tooltip label={formatDateTime(r.lastSeenAt, language)}>
                  <Stack gap={2}>
                    <Badge size="sm" variant="light" color={BAND_COLOR[band]}>{t(`adminFleet.band.${band}`)}</Badge>
                    <Text size="xs">{relativeSince(r.lastSeenAt, nowMs, language)}</Text>
                  </Stack>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>{r.cacheBytes === null ? '—' : formatBytes(r.cacheBytes, language)}</Text>
                {r.lastSyncAt && <Text size="xs" c="dimmed">{t('adminFleet.synced', { when: relativeSince(r.lastSyncAt, nowMs, language) })}</Text>}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
