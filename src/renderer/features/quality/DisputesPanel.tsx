// Open disputes another evaluator may re-score (docs/decisions/0023: any lead or admin but
// the original evaluator). The re-score is a new evaluation on the same version; the
// original keeps its score, and both are shown once it is saved.
import { type Language } from '../../../shared/domain.js';
import { Alert, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EvaluationAnswer } from '../../../shared/quality/answers.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { label } from './AnswerFields.js';
import { ScoreForm, type Pin } from './ScoreForm.js';

function Rescore({ id, language, onDone }: { id: string; language: Language; onDone(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const userId = useAuthStore((st) => st.user?.id ?? 'nobody');
  const original = useQuery({ queryKey: ['quality.evaluations.read', id], queryFn: () => sapa().call('quality.evaluations.read', { id }) });
  // The re-score's draft is kept like a first evaluation's, under the interaction and version it scores.
  const key = original.data ? { interactionId: original.data.interactionId, formVersionId: original.data.formVersionId } : null;
  const draft = useQuery({
    queryKey: ['quality.drafts.read', userId, key?.interactionId, key?.formVersionId],
    queryFn: () => sapa().call('quality.drafts.read', key!), enabled: key !== null, staleTime: Infinity, gcTime: 0,
  });
  const save = useMutation({
    mutationFn: ({ answers, pins }: { answers: EvaluationAnswer[]; pins: Pin[] }) => sapa().call('quality.evaluations.rescore', { id, answers, comments: pins }),
    onSuccess: () => {
      if (key) void sapa().call('quality.drafts.discard', key);
      void client.invalidateQueries({ queryKey: ['quality.disputes.open'] });
    },
  });
  if (original.isPending || (key && draft.isPending)) return <Loader size="xs" />;
  if (original.error) return <Alert color="red" role="alert" p={6}>{errorText(t, original.error)}</Alert>;
  const o = original.data;
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.disputes.rescoreOf', { agent: o.agentName })}>
      <Title order={4} size="h6">{t('quality.disputes.rescoreOf', { agent: o.agentName })}</Title>
      <Text size="xs">{label(o.formName, language)} v{o.formVersion} · {t('quality.disputes.reason')}: {o.dispute?.reason}</Text>
      {save.data ? (
        <Stack gap={4} mt={4} role="status" aria-label={t('quality.disputes.bothScores')}>
          <Text size="sm">{t('quality.disputes.originalScore', { score: o.score.toFixed(1), name: o.evaluatorName })}</Text>
          <Text size="sm" fw={600}>{t('quality.disputes.rescoreScore', { score: save.data.score.toFixed(1), name: save.data.evaluatorName })}</Text>
          <Group><Button size="xs" variant="default" onClick={onDone}>{t('quality.disputes.close')}</Button></Group>
        </Stack>
      ) : (
        <>
          <Text size="xs" mb={4}>{t('quality.disputes.originalScore', { score: o.score.toFixed(1), name: o.evaluatorName })}</Text>
          <ScoreForm definition={o.definition} language={language} interactionId={o.interactionId} formVersionId={o.formVersionId}
            initial={draft.data?.draft ?? null} positionMs={null}
            saving={save.isPending} error={save.error} onSave={(answers, pins) => save.mutate({ answers, pins })} />
        </>
      )}
    </Paper>
  );
}

export function DisputesPanel({ language }: { language: Language }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const disputes = useQuery({ queryKey: ['quality.disputes.open'], queryFn: () => sapa().call('quality.disputes.open', {}), staleTime: 0 });
  return (
    <Stack gap="xs" component="section" aria-label={t('quality.disputes.title')}>
      <Title order={3} size="h5">{t('quality.disputes.title')}</Title>
      {disputes.isPending && <Group gap="xs"><Loader size="xs" /><Text size="sm">{t('quality.loading')}</Text></Group>}
      {disputes.error && <Alert color="red" role="alert">{errorText(t, disputes.error)}</Alert>}
      {disputes.data?.items.length === 0 && !open && <Text size="sm" c="dimmed">{t('quality.disputes.empty')}</Text>}
      {open && <Rescore id={open} language={language} onDone={() => setOpen(null)} />}
      {disputes.data && disputes.data.items.length > 0 && (
        <Table aria-label={t('quality.disputes.title')}>
          <Table.Thead><Table.Tr>
            <Table.Th>{t('quality.mine.agent')}</Table.Th><Table.Th>{t('quality.mine.evaluator')}</Table.Th>
            <Table.Th>{t('quality.mine.score')}</Table.Th><Table.Th>{t('quality.disputes.reason')}</Table.Th><Table.Th />
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {disputes.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.agentName}</Table.Td><Table.Td>{d.evaluatorName}</Table.Td><Table.Td>{d.score.toFixed(1)}</Table.Td>
                <Table.Td>{d.dispute?.reason} · {d.dispute ? formatDateTime(d.dispute.disputedAt, language) : ''}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" aria-label={t('quality.disputes.rescoreOf', { agent: d.agentName })} onClick={() => setOpen(d.id)}>
                    {t('quality.disputes.rescore')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
