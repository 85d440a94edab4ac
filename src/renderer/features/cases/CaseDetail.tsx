// One case opened from the cases tab: where it came from, its events (opening, moves,
// internal notes, replies, the customer's notifications and why one was not sent), and the
// two ways to work it with the customer — "Add internal note" (never sent) and "Reply to
// customer" (the reply composer, on this case). Both go through core's outbox, so they work
// offline; a case not yet on the server has no number, so neither is offered until it has.
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERNAL_DISPOSITION } from '../../../shared/cases.js';
import { type Case, type Interaction } from '../../../shared/domain.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { formatDateTime } from '../../i18n/format.js';
import { errorCodeOf } from '../../platform/errors.js';
import { invalidateCoreData, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useComposerStore } from '../composer/store.js';
import { localCaseEventText } from './case-event-text.js';
import { useLanguage } from '../settings/useLanguage.js';

type EntryKind = 'opened' | 'note' | 'move' | 'reply' | 'notified' | 'notNotified' | 'escalated';

export function entryKind(e: Interaction, caseNo: string, subject: string): EntryKind {
  if (e.channel === 'case') {
    if (e.disposition === INTERNAL_DISPOSITION) return 'note';
    if (e.disposition === 'not_notified') return 'notNotified';
    if (e.subject === `${caseNo} · ${subject}`) return 'opened';
    if (e.subject?.includes('SLA breached')) return 'escalated';
    return 'move';
  }
  return e.subject?.includes(' · Customer notified: ') ? 'notified' : 'reply';
}

/** The part of an event's subject after the case number and subject. */
function tail(e: Interaction, caseNo: string, subject: string): string {
  const s = e.subject ?? '';
  const full = `${caseNo} · ${subject} · `;
  if (s.startsWith(full)) return s.slice(full.length);
  return s.startsWith(`${caseNo} · `) ? s.slice(caseNo.length + 3) : s;
}

export function CaseDetail({ item, onClose }: { item: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const entries = useCoreQuery('cases.entries', { caseId: item.id });
  const [noting, setNoting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ErrorCode | 'noteRequired' | null>(null);
  const [saved, setSaved] = useState(false);
  const onServer = item.version > 0;
  const list = entries.data?.entries ?? [];
  const opened = list.find((e) => entryKind(e, item.caseNo, item.subject) === 'opened');
  const source = opened?.disposition?.startsWith('source:') ? opened.disposition.slice('source:'.length) : 'phone';

  const saveNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) { setError('noteRequired'); return; }
    try {
      await sapa().call('cases.note', { caseId: item.id, body: note.trim() });
      setNote('');
      setNoting(false);
      setError(null);
      setSaved(true);
      await invalidateCoreData();
    } catch (e) {
      setError(errorCodeOf(e));
    }
  };
  const reply = () => {
    useComposerStore.getState().setCase(item.id);
    document.querySelector<HTMLElement>('.sapa-composer input[role="combobox"], .sapa-composer input')?.focus();
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('cases.detail.title', { caseNo: item.caseNo || t('cases.waiting') })}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">{item.caseNo || t('cases.waiting')} · {item.subject}</Title>
          <Button size="compact-xs" variant="subtle" onClick={onClose}>{t('cases.detail.close')}</Button>
        </Group>
        <Text size="xs">{t('cases.detail.source')}: {t(`cases.sources.${source}`, { defaultValue: source })}</Text>
        {!onServer && <Text size="xs" c="dimmed">{t('cases.detail.notYet')}</Text>}
        {onServer && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => { setNoting(true); setSaved(false); }}>{t('cases.detail.addNote')}</Button>
            <Button size="xs" variant="light" onClick={reply}>{t('cases.detail.reply')}</Button>
          </Group>
        )}
        {noting && (
          <form aria-label={t('cases.detail.noteForm')} onSubmit={(e) => void saveNote(e)}>
            <Stack gap={4}>
              <Textarea
                label={t('cases.detail.note')} description={t('cases.detail.noteHint')} value={note} maxLength={10_000}
                autosize minRows={2} maxRows={6} autoFocus
                onChange={(e) => { setNote(e.currentTarget.value); if (error === 'noteRequired') setError(null); }}
              />
              <Group gap="xs">
                <Button type="submit" size="xs">{t('cases.detail.saveNote')}</Button>
                <Button type="button" size="xs" variant="default" onClick={() => setNoting(false)}>{t('cases.new.cancel')}</Button>
              </Group>
            </Stack>
          </form>
        )}
        {error && (
          <Alert color="red" role="alert" variant="light" p="xs">
            {error === 'noteRequired' ? t('cases.detail.noteRequired') : t(`errors.${error}`, { defaultValue: t('cases.detail.noteError') })}
          </Alert>
        )}
        {saved && <Text size="xs" role="status">{t('cases.detail.noteSaved')}</Text>}
        <ol aria-label={t('cases.detail.events')} className="sapa-plain-list">
          {list.map((e) => {
            const kind = entryKind(e, item.caseNo, item.subject);
            return (
              <li key={e.id}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge size="xs" variant={kind === 'note' ? 'outline' : 'light'} color={kind === 'notNotified' ? 'red' : kind === 'note' ? 'gray' : 'blue'}>
                    {t(`cases.detail.kinds.${kind}`)}{kind === 'reply' || kind === 'notified' ? ` · ${t(`history.channels.${e.channel}`)}` : ''}
                  </Badge>
                  {(kind === 'reply' || kind === 'notified') && (
                    <Badge size="xs" variant="light" color={e.disposition === 'failed' ? 'red' : e.disposition === 'sent' ? 'green' : 'gray'}>
                      {t(`cases.detail.delivery.${e.disposition === 'sent' || e.disposition === 'failed' ? e.disposition : 'queued'}`)}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed"><time dateTime={e.startedAt}>{formatDateTime(e.startedAt, language)}</time> · {e.agentName ?? '—'}</Text>
                </Group>
                {kind !== 'opened' && kind !== 'note' && kind !== 'reply' && <Text size="xs">{localCaseEventText(tail(e, item.caseNo, item.subject), t)}</Text>}
                {e.body && <Text size="sm" className="sapa-history-body">{e.body}</Text>}
              </li>
            );
          })}
        </ol>
      </Stack>
    </Paper>
  );
}
