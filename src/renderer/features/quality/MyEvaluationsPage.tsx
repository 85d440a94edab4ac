// The agent's own evaluations, newest first: score, form, evaluator, the comments pinned to
// moments of the recording, the failed items' comments, and the agent's two steps —
// Acknowledge (once) and Dispute with a reason (once, within the dispute window).
import { type Language } from '../../../shared/domain.js';
import { Alert, Badge, Button, Group, List, Loader, Paper, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EvaluationSummary } from '../../../shared/quality/evaluation.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDate, formatDateTime, formatDuration } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { label } from './AnswerFields.js';

function statusOf(e: EvaluationSummary): 'rescored' | 'disputed' | 'acknowledged' | 'new' {
  if (e.dispute?.rescoreId) return 'rescored';
  if (e.dispute) return 'disputed';
  return e.acknowledgedAt ? 'acknowledged' : 'new';
}

function EvaluationCard({ summary, language }: { summary: EvaluationSummary; language: Language }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [disputing, setDisputing] = useState(false);
  const detail = useQuery({ queryKey: ['quality.evaluations.read', summary.id], queryFn: () => sapa().call('quality.evaluations.read', { id: summary.id }) });
  const refresh = () => { void client.invalidateQueries({ queryKey: ['quality.evaluations.mine'] }); void client.invalidateQueries({ queryKey: ['quality.evaluations.read', summary.id] }); };
  const ack = useMutation({ mutationFn: () => sapa().call('quality.evaluations.acknowledge', { id: summary.id }), onSuccess: refresh });
  const dispute = useMutation({ mutationFn: () => sapa().call('quality.evaluations.dispute', { id: summary.id, reason: reason.trim() }), onSuccess: () => { setDisputing(false); refresh(); } });
  const e = detail.data ?? summary;
  const status = statusOf(e);
  const title = t('quality.mine.cardTitle', { form: label(e.formName, language), date: formatDateTime(e.submittedAt, language) });
  const canDispute = !e.dispute && !e.rescoreOf && e.disputeUntil !== null && new Date(e.disputeUntil).getTime() > Date.now();
  return (
    <Paper withBorder p="xs" component="article" aria-label={title}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} size="h6">{title}</Title>
        <Badge color={status === 'new' ? 'blue' : status === 'acknowledged' ? 'green' : 'orange'}>{t(`quality.mine.status.${status}`)}</Badge>
      </Group>
      <Text size="sm" fw={600}>{t('quality.mine.scoreIs', { score: e.score.toFixed(1) })}</Text>
      <Text size="xs">{t('quality.mine.by', { name: e.evaluatorName })}{e.disputeUntil && canDispute ? ` · ${t('quality.mine.disputeUntil', { date: formatDateTime(e.disputeUntil, language) })}` : ''}</Text>
      {detail.error && <Alert color="red" role="alert" p={6}>{errorText(t, detail.error)}</Alert>}
      {detail.data?.result.fatalFailed && <Text size="xs" c="red">{t('quality.score.fatalFailed')}</Text>}
      {detail.data && detail.data.comments.length > 0 && (
        <List size="xs" aria-label={t('quality.score.pinned')} mt={4}>
          {detail.data.comments.map((c) => <List.Item key={c.id}>{formatDuration(c.offsetMs / 1000)} — {c.body}</List.Item>)}
        </List>
      )}
      {detail.data && detail.data.answers.some((a) => a.comment) && (
        <List size="xs" aria-label={t('quality.mine.itemComments')} mt={4}>
          {detail.data.answers.filter((a) => a.comment).map((a) => <List.Item key={a.itemId}>{a.comment}</List.Item>)}
        </List>
      )}
      {detail.data?.rescore && <Text size="xs" mt={4}>{t('quality.mine.rescored', { score: detail.data.rescore.score.toFixed(1), name: detail.data.rescore.evaluatorName })}</Text>}
      {e.dispute && <Text size="xs">{t('quality.disputes.reason')}: {e.dispute.reason}</Text>}
      {(ack.error || dispute.error) && <Alert color="red" role="alert" p={6}>{errorText(t, ack.error ?? dispute.error)}</Alert>}
      <Group gap="xs" mt={4}>
        {!e.acknowledgedAt && <Button size="xs" loading={ack.isPending} onClick={() => ack.mutate()}>{t('quality.mine.acknowledge')}</Button>}
        {canDispute && !disputing && <Button size="xs" variant="default" onClick={() => setDisputing(true)}>{t('quality.mine.dispute')}</Button>}
      </Group>
      {disputing && (
        <Stack gap={4} mt={4}>
          <Textarea size="xs" autosize minRows={2} label={t('quality.mine.reason')} value={reason} onChange={(ev) => setReason(ev.currentTarget.value)} />
          <Group gap="xs">
            <Button size="xs" disabled={!reason.trim()} loading={dispute.isPending} onClick={() => dispute.mutate()}>{t('quality.mine.sendDispute')}</Button>
            <Button size="xs" variant="default" onClick={() => setDisputing(false)}>{t('quality.forms.cancel')}</Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

/** The agent's average per week or month against their team's (the server computes both). */
export function ScoreTrendTable({ agentId }: { agentId?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [bucket, setBucket] = useState<'week' | 'month'>('week');
  const trend = useQuery({
    queryKey: ['quality.trend', agentId ?? 'me', bucket],
    queryFn: () => sapa().call('quality.trend', { bucket, periods: bucket === 'week' ? 8 : 6, ...(agentId ? { agentId } : {}) }), staleTime: 0,
  });
  const points = trend.data?.points ?? [];
  const any = points.some((p) => p.agentCount > 0 || p.teamCount > 0);
  const avg = (x: number | null) => (x === null ? '—' : x.toFixed(1));
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.trend.title')}>
      <Group justify="space-between" mb={4}>
        <Title order={3} size="h6">{t('quality.trend.title')}</Title>
        <SegmentedControl size="xs" value={bucket} onChange={(v) => setBucket(v === 'month' ? 'month' : 'week')} aria-label={t('quality.trend.bucket')}
          data={[{ value: 'week', label: t('quality.trend.week') }, { value: 'month', label: t('quality.trend.month') }]} />
      </Group>
      {trend.isPending && <Group gap="xs"><Loader size="xs" /><Text size="xs">{t('quality.loading')}</Text></Group>}
      {trend.error && <Alert color="red" role="alert" p={6}>{errorText(t, trend.error)}</Alert>}
      {trend.data && !any && <Text size="xs" c="dimmed">{t('quality.trend.empty')}</Text>}
      {any && (
        <Table fz="xs" aria-label={t('quality.trend.table')}>
          <Table.Thead><Table.Tr>
            <Table.Th>{t('quality.trend.period')}</Table.Th><Table.Th>{t('quality.trend.mine')}</Table.Th><Table.Th>{t('quality.trend.team', { team: trend.data?.teamName ?? '—' })}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Td>{formatDate(p.period, language)}</Table.Td>
                <Table.Td>{avg(p.agentAverage)}{p.agentCount > 0 ? ` (${p.agentCount})` : ''}</Table.Td>
                <Table.Td>{avg(p.teamAverage)}{p.teamCount > 0 ? ` (${p.teamCount})` : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function MyEvaluationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const mine = useQuery({ queryKey: ['quality.evaluations.mine'], queryFn: () => sapa().call('quality.evaluations.mine', { limit: 50 }), staleTime: 0 });
  return (
    <Stack p="md" gap="xs" component="section" aria-label={t('quality.mine.title')}>
      <Title order={2} size="h4">{t('quality.mine.title')}</Title>
      <ScoreTrendTable />
      {mine.isPending && <Group gap="xs"><Loader size="xs" /><Text size="sm">{t('quality.loading')}</Text></Group>}
      {mine.error && <Alert color="red" role="alert">{errorText(t, mine.error)}</Alert>}
      {mine.data?.items.length === 0 && <Text size="sm" c="dimmed">{t('quality.mine.empty')}</Text>}
      {mine.data?.items.map((e) => <EvaluationCard key={e.id} summary={e} language={language} />)}
    </Stack>
  );
}
