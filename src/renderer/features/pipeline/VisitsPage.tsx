// Visit plans (/sales/visits): a week or a day of visits (own, a team's, one rep's), planning
// a visit with its purpose and the prospect or customer, opening one to work it in the field
// (VisitPanel, offline too), and plan vs realisation for the month.
import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Visit } from '../../../shared/pipeline.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { CustomerPicker } from './CustomerPicker.js';
import { OwnerSelect } from './OwnerSelect.js';
import { VisitPanel } from './VisitPanel.js';

const jakartaDay = (d = new Date()) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monday = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

function PlanVisit({ day, onDone }: { day: string; onDone: (text: string, ok: boolean) => void }) {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [date, setDate] = useState(day);
  const [time, setTime] = useState('10:00');
  const [minutes, setMinutes] = useState('60');
  const plan = async () => {
    try {
      const start = new Date(`${date}T${time}:00+07:00`);
      await sapa().call('visits.plan', {
        customerId, purpose, plannedStart: start.toISOString(), plannedEnd: new Date(start.getTime() + Number(minutes) * 60_000).toISOString(),
      });
      setPurpose('');
      onDone(t('visits.planned'), true);
    } catch (e) { onDone(errorText(t, e), false); }
  };
  return (
    <Paper withBorder p="xs" component="form" aria-label={t('visits.plan')} onSubmit={(e) => { e.preventDefault(); void plan(); }}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <CustomerPicker value={customerId} onChange={setCustomerId} />
        <TextInput size="xs" label={t('visits.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} maxLength={500} />
        <TextInput size="xs" type="date" label={t('visits.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        <TextInput size="xs" type="time" label={t('visits.time')} value={time} onChange={(e) => setTime(e.currentTarget.value)} />
        <TextInput size="xs" type="number" label={t('visits.minutes')} value={minutes} min={5} max={720} onChange={(e) => setMinutes(e.currentTarget.value)} w={90} />
        <Button size="xs" type="submit" disabled={!customerId || !purpose.trim()}>{t('visits.planIt')}</Button>
      </Group>
    </Paper>
  );
}

function VisitButton({ v, onOpen }: { v: Visit; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <UnstyledButton onClick={() => onOpen(v.id)} aria-label={t('visits.open', { customer: v.customerName, time: formatTime(v.plannedStart, language) })}
      className="sapa-link-button">
      <Paper withBorder p={4}>
        <Text size="xs" fw={600}>{formatTime(v.plannedStart, language)} {v.customerName}</Text>
        <Text size="xs" lineClamp={1}>{v.purpose}</Text>
        <Group gap={2}>
          <Badge size="xs">{t(`visits.statuses.${v.status}`)}</Badge>
          {v.pending && <Badge size="xs" color="orange">{t('visits.waiting')}</Badge>}
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

export function VisitsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [view, setView] = useState<'week' | 'day'>('day');
  const [day, setDay] = useState(jakartaDay());
  const [owner, setOwner] = useState('mine');
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const from = view === 'week' ? monday(day) : day;
  const to = view === 'week' ? addDays(from, 6) : day;
  const visits = useQuery({ queryKey: ['visits.list', from, to, owner], queryFn: () => sapa().call('visits.list', { from, to, owner }), staleTime: 0 });
  const month = day.slice(0, 7);
  const realisation = useQuery({ queryKey: ['visits.realisation', month, owner], queryFn: () => sapa().call('visits.realisation', { period: month, owner }), retry: false });
  const refresh = () => { void queryClient.invalidateQueries({ queryKey: ['visits.list'] }); void queryClient.invalidateQueries({ queryKey: ['visits.realisation'] }); };
  const list = visits.data?.visits ?? [];
  const opened = list.find((v) => v.id === open) ?? null;
  const days = view === 'week' ? Array.from({ length: 7 }, (_, i) => addDays(from, i)) : [day];

  return (
    <section aria-label={t('visits.heading')}>
      <Stack gap="xs" p="sm">
        <Title order={2} size="h3">{t('visits.heading')}</Title>
        <Group gap="xs" align="flex-end">
          <SegmentedControl size="xs" value={view} onChange={(v) => setView(v as 'week' | 'day')}
            data={[{ value: 'day', label: t('visits.day') }, { value: 'week', label: t('visits.week') }]} />
          <Button size="xs" variant="default" onClick={() => setDay(addDays(day, view === 'week' ? -7 : -1))}>{t('visits.previous')}</Button>
          <Button size="xs" variant="default" onClick={() => setDay(jakartaDay())}>{t('visits.today')}</Button>
          <Button size="xs" variant="default" onClick={() => setDay(addDays(day, view === 'week' ? 7 : 1))}>{t('visits.next')}</Button>
          <Text size="sm">{view === 'week' ? `${formatDate(from, language)} – ${formatDate(to, language)}` : formatDate(day, language)}</Text>
          <OwnerSelect value={owner} onChange={setOwner} />
        </Group>
        {visits.data?.offline && <Alert color="yellow" role="status">{t('visits.offline')}</Alert>}
        <PlanVisit day={day} onDone={(text, ok) => { setNotice({ ok, text }); refresh(); }} />
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} withCloseButton onClose={() => setNotice(null)}>{notice.text}</Alert>}
        {visits.error && <Alert color="red" role="alert">{errorText(t, visits.error)}</Alert>}
        {visits.isPending ? <Loader size="sm" aria-label={t('visits.loading')} /> : (
          <SimpleGrid cols={days.length} spacing={4} role="list" aria-label={t('visits.calendar')}>
            {days.map((d) => {
              const those = list.filter((v) => jakartaDay(new Date(v.plannedStart)) === d);
              return (
                <Stack key={d} gap={4} role="listitem" aria-label={formatDate(d, language)}>
                  <Text size="xs" fw={600}>{formatDate(d, language)}</Text>
                  {those.length === 0 && <Text size="xs" c="dimmed">{t('visits.none')}</Text>}
                  {those.map((v) => <VisitButton key={v.id} v={v} onOpen={setOpen} />)}
                </Stack>
              );
            })}
          </SimpleGrid>
        )}
        {opened && <VisitPanel key={opened.id} visit={opened} onChanged={refresh} />}
        {realisation.data && realisation.data.rows.length > 0 && (
          <Table withTableBorder aria-label={t('visits.realisation', { month })}>
            <Table.Caption>{t('visits.realisation', { month })}</Table.Caption>
            <Table.Thead><Table.Tr>
              <Table.Th>{t('pipeline.owner')}</Table.Th><Table.Th>{t('visits.plannedCount')}</Table.Th><Table.Th>{t('visits.doneCount')}</Table.Th>
              <Table.Th>{t('visits.notMet')}</Table.Th><Table.Th>{t('visits.openCount')}</Table.Th><Table.Th>%</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>{realisation.data.rows.map((r) => (
              <Table.Tr key={r.userId}>
                <Table.Td>{r.name}</Table.Td><Table.Td>{r.planned}</Table.Td><Table.Td>{r.done}</Table.Td><Table.Td>{r.notMet}</Table.Td>
                <Table.Td>{r.open}</Table.Td><Table.Td>{r.percent === null ? '–' : `${r.percent} %`}</Table.Td>
              </Table.Tr>
            ))}</Table.Tbody>
          </Table>
        )}
      </Stack>
    </section>
  );
}
