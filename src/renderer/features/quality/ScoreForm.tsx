// Scoring one interaction on one form version: the answers, the live score (the shared
// scoreEvaluation, the very function the server scores with), comments pinned to the
// player's current moment, and Save. The unsaved evaluation is a draft that core keeps in
// the desktop's encrypted cache (quality.drafts.save on every change), so a reload, a crash
// or a restart does not lose it; ScorePanel reads it back before this form is shown.
import { type Language } from '../../../shared/domain.js';
import { Alert, Button, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerProblems } from '../../../shared/quality/answers.js';
import { type DraftBody } from '../../../shared/quality/draft.js';
import { type FormDefinition } from '../../../shared/quality/form.js';
import { scoreEvaluation } from '../../../shared/quality/scoring.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDuration } from '../../i18n/format.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';
import { AnswerFields, answersOf, type AnswerMap } from './AnswerFields.js';

export interface Pin { offsetMs: number; body: string }
interface Draft { answers: AnswerMap; pins: Pin[] }

export function ScoreForm({ definition, language, interactionId, formVersionId, initial, positionMs, saving, error, onSave }: {
  definition: FormDefinition; language: Language; interactionId: string; formVersionId: string;
  /** The draft core kept, if any. */
  initial: DraftBody | null;
  /** The player's current position, for pinning; null when there is no recording. */
  positionMs: (() => number) | null;
  saving: boolean; error: unknown;
  onSave(answers: ReturnType<typeof answersOf>, pins: Pin[]): void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => initial ?? { answers: {}, pins: [] });
  const [pinText, setPinText] = useState('');
  const [at, setAt] = useState(0);
  const [edited, setEdited] = useState(false);
  // Every change at once (a local write): what was typed a moment before a crash is kept.
  useEffect(() => {
    if (!edited) return;
    sapa().call('quality.drafts.save', { interactionId, formVersionId, answers: draft.answers, pins: draft.pins })
      .catch((e: unknown) => logger.warn('evaluation draft not saved', e));
  }, [draft, edited, interactionId, formVersionId]);
  const change = (next: Draft) => { setDraft(next); setEdited(true); };
  useEffect(() => {
    if (!positionMs) return undefined;
    const timer = setInterval(() => setAt(positionMs()), 250);
    return () => clearInterval(timer);
  }, [positionMs]);

  const answers = answersOf(draft.answers);
  const result = useMemo(() => scoreEvaluation(definition, answers), [definition, answers]);
  const problems = answerProblems(definition, answers);
  const atLabel = formatDuration(Math.floor(at / 1000));

  return (
    <Stack gap="xs">
      <AnswerFields definition={definition} answers={draft.answers} language={language} onChange={(a) => change({ ...draft, answers: a })} />
      <Paper withBorder p="xs" role="status" aria-label={t('quality.score.live')}>
        <Text size="sm" fw={600}>{t('quality.score.live')}: {result.total === null ? '—' : result.total.toFixed(1)}</Text>
        {result.fatalFailed && <Text size="xs" c="red">{t('quality.score.fatalFailed')}</Text>}
      </Paper>
      {positionMs && (
        <Paper withBorder p="xs" component="section" aria-label={t('quality.score.pins')}>
          <Textarea size="xs" autosize minRows={1} label={t('quality.score.pinText')} value={pinText} onChange={(e) => setPinText(e.currentTarget.value)} />
          <Button size="xs" mt={4} disabled={!pinText.trim()} onClick={() => {
            change({ ...draft, pins: [...draft.pins, { offsetMs: Math.floor(at / 1000) * 1000, body: pinText.trim() }] });
            setPinText('');
          }}>{t('quality.score.pinAt', { position: atLabel })}</Button>
          {draft.pins.length > 0 && (
            <List size="xs" mt={4} aria-label={t('quality.score.pinned')}>
              {draft.pins.map((p, n) => <List.Item key={n}>{formatDuration(p.offsetMs / 1000)} — {p.body}</List.Item>)}
            </List>
          )}
        </Paper>
      )}
      {error != null && <Alert color="red" role="alert" p={6}>{errorText(t, error)}</Alert>}
      {problems.length > 0 && <Text size="xs" c="dimmed">{t('quality.score.incomplete', { count: problems.length })}</Text>}
      <Group>
        <Button size="xs" loading={saving} disabled={problems.length > 0} onClick={() => onSave(answers, draft.pins)}>{t('quality.score.save')}</Button>
      </Group>
    </Stack>
  );
}
