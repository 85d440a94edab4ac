// "Score this interaction" in the review view: pick a form version, answer (the draft core
// kept is read back first), pin comments to the player's moment, save; the server's score is
// then shown (it computes it itself), or, offline, that the evaluation waits in the outbox.
import { type Language } from '../../../shared/domain.js';
import { Alert, Button, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EvaluationAnswer } from '../../../shared/quality/answers.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { label } from './AnswerFields.js';
import { ScoreForm, type Pin } from './ScoreForm.js';

export function ScorePanel({ interactionId, language, positionMs }: { interactionId: string; language: Language; positionMs: (() => number) | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [versionId, setVersionId] = useState('');
  const forms = useQuery({ queryKey: ['quality.forms.list'], queryFn: () => sapa().call('quality.forms.list', {}), enabled: open });
  const version = useQuery({
    queryKey: ['quality.versions.read', versionId], queryFn: () => sapa().call('quality.versions.read', { id: versionId }), enabled: versionId !== '',
  });
  // A draft is the signed-in evaluator's own (core keys it by user): another lead on this desktop does not see it.
  const userId = useAuthStore((st) => st.user?.id ?? 'nobody');
  const draftKey = `${userId}.${interactionId}.${versionId}`;
  const draft = useQuery({
    queryKey: ['quality.drafts.read', userId, interactionId, versionId],
    queryFn: () => sapa().call('quality.drafts.read', { interactionId, formVersionId: versionId }),
    enabled: versionId !== '', staleTime: Infinity, gcTime: 0,
  });
  const save = useMutation({
    mutationFn: ({ answers, pins }: { answers: EvaluationAnswer[]; pins: Pin[] }) =>
      sapa().call('quality.drafts.submit', { interactionId, formVersionId: versionId, answers, comments: pins }),
    onSuccess: () => {
      // The version is now used (locked): the forms list shows it so.
      void client.invalidateQueries({ queryKey: ['quality.forms.list'] });
      void client.invalidateQueries({ queryKey: ['lead.interactions.review', interactionId] });
      // A sampled interaction leaves the review queue once scored.
      void client.invalidateQueries({ queryKey: ['quality.queue.list'] }); },
  });

  if (save.data?.queued || (draft.data?.queued && !save.isPending && !save.data)) {
    return (
      <Paper withBorder p="xs" role="status" aria-label={t('quality.score.queued')}>
        <Text size="sm" fw={600}>{t('quality.score.queuedText')}</Text>
      </Paper>
    );
  }
  if (save.data?.evaluation) {
    return (
      <Paper withBorder p="xs" role="status" aria-label={t('quality.score.saved')}>
        <Text size="sm" fw={600}>{t('quality.score.savedScore', { score: save.data.evaluation.score.toFixed(1) })}</Text>
        {save.data.evaluation.result.fatalFailed && <Text size="xs" c="red">{t('quality.score.fatalFailed')}</Text>}
      </Paper>
    );
  }
  if (!open) return <Group><Button size="xs" onClick={() => setOpen(true)}>{t('quality.score.open')}</Button></Group>;
  const options = (forms.data?.forms ?? []).flatMap((f) => f.versions.map((v) => ({ value: v.id, label: `${label(f.name, language)} · v${v.version}` })));
  return (
    <Paper withBorder p="xs" component="section" aria-label={t('quality.score.title')}>
      <Stack gap="xs">
        <Title order={3} size="h6">{t('quality.score.title')}</Title>
        {forms.isPending && <Group gap="xs"><Loader size="xs" /><Text size="xs">{t('quality.loading')}</Text></Group>}
        {forms.error && <Alert color="red" role="alert" p={6}>{errorText(t, forms.error)}</Alert>}
        {forms.data && options.length === 0 && <Text size="xs" c="dimmed">{t('quality.forms.empty')}</Text>}
        {options.length > 0 && (
          <NativeSelect size="xs" label={t('quality.score.form')} value={versionId}
            data={[{ value: '', label: t('quality.score.choose') }, ...options]} onChange={(e) => { setVersionId(e.currentTarget.value); save.reset(); }} />
        )}
        {version.isFetching && <Loader size="xs" />}
        {version.error && <Alert color="red" role="alert" p={6}>{errorText(t, version.error)}</Alert>}
        {draft.error && <Alert color="red" role="alert" p={6}>{errorText(t, draft.error)}</Alert>}
        {version.data && version.data.id === versionId && draft.data && (
          <ScoreForm key={draftKey} definition={version.data.definition} language={language} interactionId={interactionId}
            formVersionId={versionId} initial={draft.data.draft} positionMs={positionMs}
            saving={save.isPending} error={save.error} onSave={(answers, pins) => save.mutate({ answers, pins })} />
        )}
      </Stack>
    </Paper>
  );
}
