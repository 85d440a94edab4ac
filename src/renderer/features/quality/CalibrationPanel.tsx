// Calibration: start a session from the review view (form version, leads invited), the list
// of one's sessions, and one session — listen, score blind, and once one's own score is in
// (or the owner closed it) each evaluator's score, deviation from the reference per item and
// in total, and their drift over past sessions.
import { type Language } from '../../../shared/domain.js';
import { Alert, Badge, Button, Checkbox, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EvaluationAnswer } from '../../../shared/quality/answers.js';
import { type Calibration } from '../../../shared/quality/calibration.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { ReviewPlayer } from '../lead-interactions/ReviewPlayer.js';
import { label } from './AnswerFields.js';
import { ScoreForm } from './ScoreForm.js';

const delta = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(1)}`);

export function CalibrationStart({ interactionId, language }: { interactionId: string; language: Language }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useAuthStore((s) => s.user?.id);
  const [open, setOpen] = useState(false);
  const [versionId, setVersionId] = useState('');
  const [invited, setInvited] = useState<string[]>([]);
  const forms = useQuery({ queryKey: ['quality.forms.list'], queryFn: () => sapa().call('quality.forms.list', {}), enabled: open });
  const people = useQuery({ queryKey: ['quality.calibrations.evaluators'], queryFn: () => sapa().call('quality.calibrations.evaluators', {}), enabled: open });
  const create = useMutation({
    mutationFn: () => sapa().call('quality.calibrations.create', { interactionId, formVersionId: versionId, participantIds: invited }),
    onSuccess: () => { void client.invalidateQueries({ queryKey: ['quality.calibrations.list'] }); },
  });
  if (create.data) return <Text size="sm" role="status">{t('quality.calibration.started', { count: create.data.participants })}</Text>;
  if (!open) return <Group><Button size="xs" variant="default" onClick={() => setOpen(true)}>{t('quality.calibration.start')}</Button></Group>;
  const options = (forms.data?.forms ?? []).flatMap((f) => f.versions.map((v) => ({ value: v.id, label: `${label(f.name, language)} · v${v.version}` })));
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.calibration.start')}>
      <Stack gap={4}>
        <Title order={3} size="h6">{t('quality.calibration.start')}</Title>
        {(forms.isPending || people.isPending) && <Loader size="xs" />}
        <NativeSelect size="xs" label={t('quality.score.form')} value={versionId} onChange={(e) => setVersionId(e.currentTarget.value)}
          data={[{ value: '', label: t('quality.score.choose') }, ...options]} />
        <Checkbox.Group label={t('quality.calibration.invite')} value={invited} onChange={setInvited}>
          <Group gap="xs" mt={4}>
            {(people.data?.items ?? []).filter((p) => p.id !== me).map((p) => <Checkbox key={p.id} size="xs" value={p.id} label={p.name} />)}
          </Group>
        </Checkbox.Group>
        {create.error != null && <Alert color="red" role="alert" p={6}>{errorText(t, create.error)}</Alert>}
        <Group gap="xs">
          <Button size="xs" disabled={!versionId || invited.length === 0} loading={create.isPending} onClick={() => create.mutate()}>{t('quality.calibration.create')}</Button>
          <Button size="xs" variant="default" onClick={() => setOpen(false)}>{t('quality.forms.cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Results({ session }: { session: Calibration }) {
  const { t } = useTranslation();
  const scored = session.people.filter((p) => p.deviation);
  const itemIds = session.definition.sections.flatMap((s) => s.items.filter((i) => i.kind !== 'text').map((i) => i.id));
  return (
    <Stack gap={4}>
      <Table fz="xs" aria-label={t('quality.calibration.results')}>
        <Table.Thead><Table.Tr>
          <Table.Th>{t('quality.mine.evaluator')}</Table.Th><Table.Th>{t('quality.mine.score')}</Table.Th>
          <Table.Th>{t('quality.calibration.totalDelta')}</Table.Th><Table.Th>{t('quality.calibration.itemDelta')}</Table.Th>
          <Table.Th>{t('quality.calibration.drift')}</Table.Th>
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {session.people.map((p) => (
            <Table.Tr key={p.userId}>
              <Table.Td>{p.name}{p.userId === session.referenceId && <Badge size="xs" ml={4}>{t('quality.calibration.reference')}</Badge>}</Table.Td>
              <Table.Td>{p.score === null ? (p.submitted ? '…' : t('quality.calibration.notYet')) : p.score.toFixed(1)}</Table.Td>
              <Table.Td>{p.deviation ? delta(p.deviation.totalDelta) : '—'}</Table.Td>
              <Table.Td>{p.deviation?.meanAbsItemDelta == null ? '—' : p.deviation.meanAbsItemDelta.toFixed(1)}</Table.Td>
              <Table.Td>{p.drift && p.drift.sessions > 0
                ? t('quality.calibration.driftText', { sessions: p.drift.sessions, mean: p.drift.meanAbsTotalDelta?.toFixed(1) ?? '—',
                  trend: p.drift.trend ? t(`quality.calibration.trend.${p.drift.trend}`) : '', series: p.drift.points.map((x) => delta(x.totalDelta)).join(' ') })
                : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {scored.length > 0 && (
        <Table.ScrollContainer minWidth={400}>
          <Table fz="xs" aria-label={t('quality.calibration.perItem')}>
            <Table.Thead><Table.Tr><Table.Th>{t('quality.calibration.item')}</Table.Th>{scored.map((p) => <Table.Th key={p.userId}>{p.name}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {itemIds.map((id) => (
                <Table.Tr key={id}>
                  <Table.Td>{id}</Table.Td>
                  {scored.map((p) => <Table.Td key={p.userId}>{delta(p.deviation?.items.find((i) => i.itemId === id)?.delta ?? null)}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function SessionView({ id, language, onBack }: { id: string; language: Language; onBack(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useAuthStore((s) => s.user);
  const position = useRef(0);
  const session = useQuery({ queryKey: ['quality.calibrations.read', id], queryFn: () => sapa().call('quality.calibrations.read', { id }), staleTime: 0 });
  // The score being written is a draft in core's encrypted cache, as an evaluation's is
  // (one per evaluator, interaction and form version).
  const key = session.data ? { interactionId: session.data.interactionId, formVersionId: session.data.formVersionId } : null;
  const draft = useQuery({
    queryKey: ['quality.drafts.read', me?.id ?? 'nobody', key?.interactionId, key?.formVersionId],
    queryFn: () => sapa().call('quality.drafts.read', key as { interactionId: string; formVersionId: string }),
    enabled: key !== null, staleTime: Infinity, gcTime: 0,
  });
  const done = (data: Calibration) => { client.setQueryData(['quality.calibrations.read', id], data); void client.invalidateQueries({ queryKey: ['quality.calibrations.list'] }); };
  const score = useMutation({
    mutationFn: (answers: EvaluationAnswer[]) => sapa().call('quality.calibrations.score', { id, answers }),
    onSuccess: (data) => {
      if (key) void sapa().call('quality.drafts.discard', key).catch(() => undefined);
      done(data);
    },
  });
  const close = useMutation({ mutationFn: () => sapa().call('quality.calibrations.close', { id }), onSuccess: done });
  const back = <Button size="xs" variant="default" onClick={onBack}>{t('leadInteractions.review.back')}</Button>;
  if (session.isPending) return <Group gap="xs">{back}<Loader size="xs" /><Text size="xs">{t('quality.loading')}</Text></Group>;
  if (session.error) return <Stack>{back}<Alert color="red" role="alert">{errorText(t, session.error)}</Alert></Stack>;
  const s = session.data;
  const mine = s.people.find((p) => p.userId === me?.id);
  const title = t('quality.calibration.sessionTitle', { agent: s.agentName ?? '—', date: formatDateTime(s.startedAt, language) });
  return (
    <Paper withBorder p="xs" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between"><Title order={3} size="h5">{title}</Title>{back}</Group>
        <Text size="xs">{label(s.formName, language)} · v{s.formVersion} · {t('quality.calibration.referenceIs', { name: s.referenceName })}
          {s.closedAt ? ` · ${t('quality.calibration.closed')}` : ''}</Text>
        {s.recording && <ReviewPlayer recordingId={s.recording.id} durationMs={s.recording.durationMs} positionRef={position} />}
        {!s.revealed && <Text size="sm" role="status">{t('quality.calibration.blind', { submitted: s.submitted, participants: s.participants })}</Text>}
        {mine && !mine.submitted && !s.closedAt && draft.data && (
          <ScoreForm key={`${s.interactionId}.${s.formVersionId}`} definition={s.definition} language={language}
            interactionId={s.interactionId} formVersionId={s.formVersionId} initial={draft.data.draft} positionMs={null}
            saving={score.isPending} error={score.error} onSave={(answers) => score.mutate(answers)} />
        )}
        {s.revealed && <Results session={s} />}
        {close.error != null && <Alert color="red" role="alert" p={6}>{errorText(t, close.error)}</Alert>}
        {!s.closedAt && (s.ownerId === me?.id || me?.role === 'admin') && (
          <Group><Button size="xs" variant="default" loading={close.isPending} onClick={() => close.mutate()}>{t('quality.calibration.close')}</Button></Group>
        )}
      </Stack>
    </Paper>
  );
}

export function CalibrationPanel({ language }: { language: Language }) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['quality.calibrations.list'], queryFn: () => sapa().call('quality.calibrations.list', {}), staleTime: 0 });
  if (openId) return <SessionView id={openId} language={language} onBack={() => setOpenId(null)} />;
  const items = list.data?.items ?? [];
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.calibration.title')}>
      <Title order={3} size="h5" mb={4}>{t('quality.calibration.title')}</Title>
      {list.isPending && <Text size="xs">{t('quality.loading')}</Text>}
      {list.error && <Alert color="red" role="alert" p={6}>{errorText(t, list.error)}</Alert>}
      {list.data && items.length === 0 && <Text size="sm" c="dimmed">{t('quality.calibration.empty')}</Text>}
      {items.length > 0 && (
        <Table fz="xs" aria-label={t('quality.calibration.table')}>
          <Table.Thead><Table.Tr>
            <Table.Th>{t('quality.mine.agent')}</Table.Th><Table.Th>{t('quality.forms.name')}</Table.Th><Table.Th>{t('quality.calibration.owner')}</Table.Th>
            <Table.Th>{t('quality.calibration.progress')}</Table.Th><Table.Th />
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((c) => {
              const name = t('quality.calibration.sessionTitle', { agent: c.agentName ?? '—', date: formatDateTime(c.startedAt, language) });
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.agentName ?? '—'}</Table.Td><Table.Td>{label(c.formName, language)} · v{c.formVersion}</Table.Td><Table.Td>{c.ownerName}</Table.Td>
                  <Table.Td>{t('quality.calibration.progressText', { submitted: c.submitted, participants: c.participants })}
                    {c.closedAt && <Badge size="xs" ml={4}>{t('quality.calibration.closed')}</Badge>}
                    {!c.mySubmitted && !c.closedAt && <Badge size="xs" ml={4} color="orange">{t('quality.calibration.yourTurn')}</Badge>}</Table.Td>
                  <Table.Td><Button size="compact-xs" aria-label={t('quality.calibration.openSession', { name })} onClick={() => setOpenId(c.id)}>{t('quality.queue.open')}</Button></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
