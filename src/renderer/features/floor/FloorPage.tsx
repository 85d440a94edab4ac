// The lead's live floor (issue 14, item 6): agents by team with their state and time in
// state (ticking), the customer and tier of their current task, queue tiles (waiting, oldest
// wait, service level and abandonment today, formulas cited from docs/reports.md) and alerts
// for agents too long in a state. Live: the server's "floor changed" push re-reads the
// snapshot (floor-notifier.ts); a slow poll covers a lost push. #/floor/wallboard is the
// same data in large tiles for a TV, without controls; Esc leaves it.
import { Alert, Badge, Box, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type DerivedAgentState } from '../../../shared/contact-center.js';
import { floorAlert, type FloorAgent, type FloorQueue, type FloorSnapshot } from '../../../shared/floor.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useNow } from '../contact-center/useNow.js';
import { useLanguage } from '../settings/useLanguage.js';
import { MonitorControls } from './MonitorControls.js';

/** The fallback when a push is lost (the socket reconnecting): the push itself comes within 2 s. */
const SLOW_POLL_MS = 30_000;
const COLOR: Record<DerivedAgentState, string> = { ready: 'green', reserved: 'cyan', on_task: 'blue', wrap_up: 'violet', not_ready: 'orange', offline: 'gray' };

function useFloor() {
  const floor = useCoreQuery('floor.snapshot', {}, { refetchInterval: SLOW_POLL_MS, staleTime: 0 });
  useEffect(() => sapa().on('floor.changed', () => void invalidateMethod('floor.snapshot')), []);
  // Time in state ticks on the server's clock: the snapshot's `at` against when it arrived.
  const now = useNow();
  const skew = floor.data ? Date.parse(floor.data.at) - floor.dataUpdatedAt : 0;
  return { floor, serverNow: now + skew };
}

function secondsIn(agent: FloorAgent, serverNow: number): number | null {
  return agent.since ? Math.max(0, Math.floor((serverNow - Date.parse(agent.since)) / 1000)) : null;
}

function useStateLabel() {
  const { t } = useTranslation();
  return (a: FloorAgent) => (a.reason ? `${t(`floor.states.${a.state}`)} (${t(`floor.reasons.${a.reason}`)})` : t(`floor.states.${a.state}`));
}

function alertsOf(snapshot: FloorSnapshot, serverNow: number) {
  return snapshot.teams.flatMap((team) => team.agents)
    .map((agent) => ({ agent, over: floorAlert(agent, serverNow) }))
    .filter((x): x is { agent: FloorAgent; over: number } => x.over !== null)
    .sort((a, b) => b.over - a.over);
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} %`);

function QueueTile({ q, snapshot, large }: { q: FloorQueue; snapshot: FloorSnapshot; large: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = language === 'id' ? q.labelId : q.labelEn;
  const big = large ? 48 : 24;
  const formula = { sec: snapshot.serviceLevelSec, short: snapshot.shortAbandonSec };
  return (
    <Paper withBorder p={large ? 'lg' : 'sm'} role="group" aria-label={label}>
      <Text fw={700} size={large ? 'xl' : 'md'}>{label}</Text>
      <SimpleGrid cols={2} spacing="xs" mt="xs">
        <div>
          <Text size={large ? 'lg' : 'xs'} c="dimmed">{t('floor.waiting')}</Text>
          <Text fz={big} fw={700} aria-label={`${t('floor.waiting')} ${label}`}>{q.waiting}</Text>
          <Text size="xs" c="dimmed">{t('floor.waitingCalls', { count: q.waitingCalls })}</Text>
        </div>
        <div>
          <Text size={large ? 'lg' : 'xs'} c="dimmed">{t('floor.oldest')}</Text>
          <Text fz={big} fw={700} c={q.oldestWaitSec !== null && q.oldestWaitSec > snapshot.serviceLevelSec ? 'red' : undefined}>
            {q.oldestWaitSec === null ? '—' : formatDuration(q.oldestWaitSec)}
          </Text>
        </div>
        <div title={t('floor.slFormula', formula)}>
          <Text size={large ? 'lg' : 'xs'} c="dimmed">{t('floor.serviceLevel')} ({snapshot.serviceLevelSec} s)</Text>
          <Text fz={big} fw={700} aria-label={`${t('floor.serviceLevel')} ${label}`}>{pct(q.serviceLevel)}</Text>
        </div>
        <div title={t('floor.abandonFormula', formula)}>
          <Text size={large ? 'lg' : 'xs'} c="dimmed">{t('floor.abandonment')}</Text>
          <Text fz={big} fw={700} aria-label={`${t('floor.abandonment')} ${label}`}>{pct(q.abandonment)}</Text>
        </div>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {q.answered + q.abandoned === 0 ? t('floor.noCalls') : t('floor.counts', { answered: q.answered, abandoned: q.abandoned, short: q.shortAbandoned })}
      </Text>
      {!large && <Text size="xs" c="dimmed">{t('floor.slFormula', formula)}</Text>}
    </Paper>
  );
}

function Alerts({ snapshot, serverNow, large }: { snapshot: FloorSnapshot; serverNow: number; large: boolean }) {
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  const alerts = alertsOf(snapshot, serverNow);
  return (
    <Box role="region" aria-label={t('floor.alerts')}>
      <Title order={3} size={large ? 'h2' : 'h5'}>{t('floor.alerts')}</Title>
      {alerts.length === 0 && <Text size={large ? 'lg' : 'sm'} c="dimmed">{t('floor.noAlerts')}</Text>}
      <Stack gap={4}>
        {alerts.map(({ agent, over }) => (
          <Alert key={agent.userId} color="red" variant="light" p={large ? 'md' : 'xs'}>
            <Text size={large ? 'xl' : 'sm'}>
              {t('floor.alert', { agent: agent.displayName, state: stateLabel(agent), time: formatDuration(secondsIn(agent, serverNow) ?? 0), over: formatDuration(over) })}
            </Text>
          </Alert>
        ))}
      </Stack>
    </Box>
  );
}

function Teams({ snapshot, serverNow }: { snapshot: FloorSnapshot; serverNow: number }) {
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  return (
    <Stack gap="sm">
      {snapshot.teams.map((team) => {
        const name = team.name ? t('floor.team', { name: team.name }) : t('floor.noTeam');
        return (
          <Box key={team.id ?? 'none'}>
            <Title order={3} size="h5">{name}</Title>
            <Table striped aria-label={name} verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('floor.agent')}</Table.Th>
                  <Table.Th>{t('floor.state')}</Table.Th>
                  <Table.Th>{t('floor.inState')}</Table.Th>
                  <Table.Th>{t('floor.customer')}</Table.Th>
                  <Table.Th>{t('floor.queue')}</Table.Th>
                  <Table.Th>{t('floor.monitorColumn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {team.agents.map((a) => {
                  const sec = secondsIn(a, serverNow);
                  return (
                    <Table.Tr key={a.userId} aria-label={a.displayName}>
                      <Table.Td>{a.displayName}{a.extension ? <Text span size="xs" c="dimmed"> · {a.extension}</Text> : null}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Badge color={COLOR[a.state]} variant={floorAlert(a, serverNow) === null ? 'light' : 'filled'}>{stateLabel(a)}</Badge>
                          {a.onCall && a.state !== 'on_task' && <Badge color="blue" variant="outline">{t('floor.onCall')}</Badge>}
                        </Group>
                      </Table.Td>
                      <Table.Td>{sec === null ? '—' : formatDuration(sec)}</Table.Td>
                      <Table.Td>
                        {a.task ? (
                          <Group gap={4} wrap="nowrap">
                            <Text size="sm" truncate>{a.task.customerName ?? a.task.from}</Text>
                            {a.task.tier && <Badge size="xs" variant="outline">{t(`floor.tiers.${a.task.tier}`)}</Badge>}
                            {a.task.vvip && <Badge size="xs" color="red">{t('floor.vvip')}</Badge>}
                          </Group>
                        ) : '—'}
                      </Table.Td>
                      <Table.Td>{a.task?.queueCode ?? '—'}</Table.Td>
                      <Table.Td><MonitorControls agent={a} /></Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Box>
        );
      })}
    </Stack>
  );
}

export function FloorPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const { floor, serverNow } = useFloor();
  const snapshot = floor.data;
  const agents = snapshot?.teams.flatMap((team) => team.agents) ?? [];
  return (
    <section aria-label={t('floor.title')}>
      <Stack gap="sm" p="md">
        <Group justify="space-between">
          <Title order={2}>{t('floor.title')}</Title>
          <Group gap="xs">
            {snapshot && <Text size="xs" c="dimmed">{t('floor.updated', { time: formatTime(snapshot.at, language) })}</Text>}
            <Button size="xs" variant="light" onClick={() => void navigate({ to: '/floor/wallboard' })}>{t('floor.wallboard')}</Button>
          </Group>
        </Group>
        {floor.error && <Alert color="red" role="alert" variant="light">{errorText(t, floor.error)}</Alert>}
        {floor.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('floor.loading')}</Text></Group>}
        {snapshot && (
          <>
            <Box role="region" aria-label={t('floor.queues')}>
              {snapshot.queues.length === 0 && <Text size="sm" c="dimmed">{t('floor.noQueues')}</Text>}
              <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
                {snapshot.queues.map((q) => <QueueTile key={q.queueCode} q={q} snapshot={snapshot} large={false} />)}
              </SimpleGrid>
            </Box>
            <Alerts snapshot={snapshot} serverNow={serverNow} large={false} />
            {agents.length === 0 ? <Text size="sm" c="dimmed">{t('floor.empty')}</Text> : <Teams snapshot={snapshot} serverNow={serverNow} />}
          </>
        )}
      </Stack>
    </section>
  );
}

/** The TV view: over the whole window, large tiles, no controls; Esc goes back to the floor. */
export function FloorWallboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { floor, serverNow } = useFloor();
  const snapshot = floor.data;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') void navigate({ to: '/floor' }); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  const agents = snapshot?.teams.flatMap((team) => team.agents) ?? [];
  const byState = (s: DerivedAgentState) => agents.filter((a) => a.state === s).length;
  return (
    <Box component="section" aria-label={t('floor.wallboardTitle')}
      style={{ position: 'fixed', inset: 0, zIndex: 400, overflow: 'auto', background: 'var(--mantine-color-body)' }} p="lg">
      <Group justify="space-between" mb="md">
        <Title order={1}>{t('floor.wallboardTitle')}</Title>
        <Text c="dimmed">{t('floor.wallboardHint')}</Text>
      </Group>
      {floor.error && <Alert color="red" role="alert" variant="light">{errorText(t, floor.error)}</Alert>}
      {floor.isPending && <Loader />}
      {snapshot && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg" role="region" aria-label={t('floor.queues')}>
            {snapshot.queues.map((q) => <QueueTile key={q.queueCode} q={q} snapshot={snapshot} large />)}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 3, md: 6 }} spacing="lg" role="region" aria-label={t('floor.list')}>
            {(['ready', 'reserved', 'on_task', 'wrap_up', 'not_ready', 'offline'] as const).map((s) => (
              <Paper key={s} withBorder p="md" role="group" aria-label={t(`floor.states.${s}`)}>
                <Text size="xl" c="dimmed">{t(`floor.states.${s}`)}</Text>
                <Text fz={56} fw={700} c={COLOR[s]}>{byState(s)}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Alerts snapshot={snapshot} serverNow={serverNow} large />
          <Text c="dimmed">{t('floor.slFormula', { sec: snapshot.serviceLevelSec, short: snapshot.shortAbandonSec })}</Text>
        </Stack>
      )}
    </Box>
  );
}
