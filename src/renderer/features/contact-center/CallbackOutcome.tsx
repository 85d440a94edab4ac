// A call-back's outcome: reached, no answer (retried at a time the agent picks, an hour from
// now unless changed) or wrong number. Saving completes the task; core writes the outcome
// to the customer's timeline and the server updates the call-back.
import { Button, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_OUTCOMES, type AgentTask, type CallbackOutcome as Outcome } from '../../../shared/contact-center.js';
import { errorText } from '../../i18n/error-text.js';
import { invalidateCoreData } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useContactCenterStore } from './store.js';

const RETRY_DEFAULT_MS = 60 * 60_000;

/** `datetime-local` wants local time without a zone. */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function CallbackOutcomeForm({ task }: { task: AgentTask }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [retryAt, setRetryAt] = useState(() => localInputValue(Date.now() + RETRY_DEFAULT_MS));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) { setProblem(t('contactCenter.outcomeRequired')); return; }
    const retryMs = Date.parse(retryAt);
    if (outcome === 'no_answer' && (!Number.isFinite(retryMs) || retryMs <= Date.now())) { setProblem(t('contactCenter.retryInFuture')); return; }
    setSaving(true);
    setProblem(null);
    try {
      const done = await sapa().call('cc.completeTask', {
        taskId: task.taskId,
        completion: {
          kind: 'callback', outcome, ...(note.trim() ? { note: note.trim() } : {}),
          ...(outcome === 'no_answer' ? { retryAt: new Date(retryMs).toISOString() } : {}),
        },
      });
      useContactCenterStore.getState().finished(done);
      // The outcome is in the cache's timeline now (core wrote it through the outbox).
      void invalidateCoreData();
    } catch (error) {
      setProblem(errorText(t, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('contactCenter.outcomeForm')}>
      <Stack gap={6}>
        <Radio.Group label={t('contactCenter.outcome')} value={outcome ?? ''} onChange={(v) => setOutcome(v as Outcome)}>
          <Stack gap={4} mt={4}>
            {CALLBACK_OUTCOMES.map((o) => <Radio key={o} value={o} label={t(`contactCenter.outcomes.${o}`)} size="xs" />)}
          </Stack>
        </Radio.Group>
        {outcome === 'no_answer' && (
          <TextInput type="datetime-local" size="xs" label={t('contactCenter.retryAt')} value={retryAt} onChange={(e) => setRetryAt(e.currentTarget.value)} />
        )}
        <Textarea size="xs" label={t('contactCenter.note')} value={note} maxLength={2000} autosize minRows={1} maxRows={4}
          onChange={(e) => setNote(e.currentTarget.value)} />
        {problem && <div role="alert" className="sapa-form-error">{problem}</div>}
        <Button type="submit" size="xs" loading={saving}>{t('contactCenter.saveOutcome')}</Button>
      </Stack>
    </form>
  );
}
