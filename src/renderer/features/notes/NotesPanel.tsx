// Notes and call-backs on the single screen. A row written here shows at once, marked
// "waiting to send" until the server has it (version 0 = only in this desktop's outbox).
import { Alert, Badge, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { useNotes } from './useNotes.js';

export function NotesPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { notes, callbacks, error, addNote, addCallback } = useNotes(customerId);
  const [body, setBody] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [callbackNote, setCallbackNote] = useState('');

  const submitNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    if (await addNote(body)) setBody('');
  };
  const submitCallback = async (event: FormEvent) => {
    event.preventDefault();
    if (!dueAt) return;
    if (await addCallback(dueAt, callbackNote)) {
      setDueAt('');
      setCallbackNote('');
    }
  };

  return (
    <section aria-label={t('notes.section')} className="sapa-notes">
      <Stack gap="sm" px="md">
        <Title order={2} size="h4">{t('notes.title')}</Title>
        {error && <Alert color="red" role="alert" variant="light">{t(`errors.${error}`, { defaultValue: t('notes.saveError') })}</Alert>}
        <form onSubmit={(e) => void submitNote(e)}>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Textarea
              label={t('notes.newNote')} value={body} onChange={(e) => setBody(e.currentTarget.value)}
              autosize minRows={1} maxRows={4} maxLength={10_000} style={{ flex: 1 }}
            />
            <Button type="submit" disabled={!body.trim()}>{t('notes.add')}</Button>
          </Group>
        </form>
        <ul aria-label={t('notes.list')} className="sapa-notes-list">
          {notes.map((n) => (
            <li key={n.id}>
              <Text size="xs" c="dimmed" component="span">
                {formatDateTime(n.createdAt, language)} · {n.authorName ?? ''}
              </Text>{' '}
              {n.version === 0 && <Badge size="xs" color="gray" variant="light">{t('notes.waiting')}</Badge>}
              <Text size="sm">{n.body}</Text>
            </li>
          ))}
        </ul>
        <Title order={3} size="h5">{t('callbacks.title')}</Title>
        <form onSubmit={(e) => void submitCallback(e)}>
          <Group align="flex-end" gap="xs">
            <TextInput type="datetime-local" label={t('callbacks.dueAt')} value={dueAt} onChange={(e) => setDueAt(e.currentTarget.value)} />
            <TextInput label={t('callbacks.note')} value={callbackNote} maxLength={2000} onChange={(e) => setCallbackNote(e.currentTarget.value)} />
            <Button type="submit" variant="light" disabled={!dueAt}>{t('callbacks.add')}</Button>
          </Group>
        </form>
        <ul aria-label={t('callbacks.list')} className="sapa-notes-list">
          {callbacks.map((c) => (
            <li key={c.id}>
              <Text size="sm" component="span">{formatDateTime(c.dueAt, language)}</Text>{' '}
              {c.note && <Text size="sm" component="span">— {c.note}</Text>}{' '}
              {c.version === 0 && <Badge size="xs" color="gray" variant="light">{t('notes.waiting')}</Badge>}
            </li>
          ))}
        </ul>
      </Stack>
    </section>
  );
}
