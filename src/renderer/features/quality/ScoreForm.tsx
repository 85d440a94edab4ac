// Scoring one interaction on one form version: the answers, the live score (the shared
// scoreEvaluation, the very function the server scores with), comments pinned to the
// player's current moment, and Save. The unsaved evaluation is kept as a draft in the
// renderer's local storage on every change, so a crash or a closed window does not lose it.
import { type Language } from '../../../shared/domain.js';
import { Alert, Button, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerProblems } from '../../../shared/quality/answers.js';
import { type FormDefinition } from '../../../shared/quality/form.js';
import { scoreEvaluation } from '../../../shared/quality/scoring.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDuration } from '../../i18n/format.js';
import { AnswerFields, answersOf, type AnswerMap } from './AnswerFields.js';

export interface Pin { offsetMs: number; body: string }
interface Draft { answers: AnswerMap; pins: Pin[] }

const DRAFT_PREFIX = 'sapa.quality.draft.';

function readDraft(key: string): Draft {
  try {
    const raw = localStorage.getItem(DRAFT_PREFIX + key);
    const d = raw ? (JSON.parse(raw) as Draft) : null;
    return d && typeof d === 'object' ? { answers: d.answers ?? {}, pins: Array.isArray(d.pins) ? d.pins : [] } : { answers: {}, pins: [] };
  } catch {
    return { answers: {}, pins: [] };
  }
}

export function ScoreForm({ definition, language, draftKey, positionMs, saving, error, onSave }: {
  definition: FormDefinition; language: Language; draftKey: string;
  /** The player's current position, for pinning; null when there is no recording. */
  positionMs: (() => number) | null;
  saving: boolean; error: unknown;
  onSave(answers: ReturnType<typeof answersOf>, pins: Pin[]): void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => readDraft(draftKey));
  const [pinText, setPinText] = useState('');
  const [at, setAt] = useState(0);
  useEffect(() => { localStorage.setItem(DRAFT_PREFIX + draftKey, JSON.stringify(draft)); }, [draft, draftKey]);
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
      <AnswerFields definition={definition} answers={draft.answers} language={language} onChange={(a) => setDraft({ ...draft, answers: a })} />
      <Paper withBorder p="xs" role="status" aria-label={t('quality.score.live')}>
        <Text size="sm" fw={600}>{t('quality.score.live')}: {result.total === null ? '—' : result.total.toFixed(1)}</Text>
        {result.fatalFailed && <Text size="xs" c="red">{t('quality.score.fatalFailed')}</Text>}
      </Paper>
      {positionMs && (
        <Paper withBorder p="xs" component="section" aria-label={t('quality.score.pins')}>
          <Textarea size="xs" autosize minRows={1} label={t('quality.score.pinText')} value={pinText} onChange={(e) => setPinText(e.currentTarget.value)} />
          <Button size="xs" mt={4} disabled={!pinText.trim()} onClick={() => {
            setDraft({ ...draft, pins: [...draft.pins, { offsetMs: Math.floor(at / 1000) * 1000, body: pinText.trim() }] });
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

export function clearDraft(key: string): void {
  localStorage.removeItem(DRAFT_PREFIX + key);
}
