// "Changes refused by the server" in the sync panel: each of the agent's changes the server
// will never accept as it is (rolled back on this desktop when it was refused), what it was,
// why, and the two ways out — Fix (edit and send again as a new change) and Discard.
// See docs/decisions/0011-poison-mutations.md.
import { Alert, Button, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type RefusedChange, type RefusedChangeFields } from '../../../shared/api.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { formatDateTime } from '../../i18n/format.js';
import { errorCodeOf } from '../../platform/errors.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

const REASONS = ['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'FORBIDDEN'];

/** datetime-local wants the desktop's local wall time without an offset. */
function toLocalInput(iso: string | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function What({ change }: { change: RefusedChange }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const customer = change.customerName ?? t('refused.unknownCustomer');
  const f = change.fields;
  if (change.name === 'note.create' && f) return <Text size="sm" fw={500}>{t('refused.what.note', { customer, text: f.body ?? '' })}</Text>;
  if (change.name === 'callback.create' && f) {
    const time = f.dueAt ? formatDateTime(f.dueAt, language) : '—';
    return <Text size="sm" fw={500}>{t('refused.what.callback', { customer, time, text: f.note ?? '' })}</Text>;
  }
  const kind = t(`refused.kind.${change.name.replace('.', '_')}`, { defaultValue: t('refused.kind.other') });
  return <Text size="sm" fw={500}>{t('refused.what.other', { change: kind, customer })}</Text>;
}

function FixForm({ change, onDone, onCancel }: { change: RefusedChange; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const f = change.fields ?? {};
  const [body, setBody] = useState(f.body ?? '');
  const [note, setNote] = useState(f.note ?? '');
  const [dueAt, setDueAt] = useState(toLocalInput(f.dueAt));
  const [error, setError] = useState<ErrorCode | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: RefusedChangeFields = change.name === 'note.create'
      ? { body }
      : { note: note || null, ...(dueAt && !Number.isNaN(Date.parse(dueAt)) ? { dueAt: new Date(dueAt).toISOString() } : {}) };
    try {
      await sapa().call('sync.fixRefused', { id: change.id, fields });
      onDone();
    } catch (e) {
      setError(errorCodeOf(e));
    }
  };

  return (
    <form aria-label={t('refused.fixTitle')} onSubmit={(e) => void submit(e)}>
      <Stack gap="xs">
        {change.name === 'note.create' ? (
          <Textarea label={t('refused.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} />
        ) : (
          <>
            <TextInput type="datetime-local" label={t('refused.dueAt')} value={dueAt} onChange={(e) => setDueAt(e.currentTarget.value)} />
            <Textarea label={t('refused.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
          </>
        )}
        {error && <Alert color="red" role="alert" variant="light">{t('refused.failed', { code: error })}</Alert>}
        <Group gap="xs">
          <Button type="submit" size="compact-sm">{t('refused.send')}</Button>
          <Button variant="default" size="compact-sm" onClick={onCancel}>{t('refused.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RefusedChanges({ changes, onChanged }: { changes: RefusedChange[]; onChanged(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [fixing, setFixing] = useState<string | null>(null);
  if (changes.length === 0) return null;

  const discard = (id: string) => {
    void sapa().call('sync.discardRefused', { id }).then(onChanged);
  };

  return (
    <section aria-label={t('refused.title')}>
      <Title order={3} size="h5">{t('refused.title')}</Title>
      <Text size="xs" c="dimmed">{t('refused.intro')}</Text>
      <ul>
        {changes.map((c) => (
          <li key={c.id}>
            <Stack gap={4} py={4}>
              <What change={c} />
              <Text size="sm">{t(`refused.reason.${REASONS.includes(c.reason.code) ? c.reason.code : 'other'}`)}</Text>
              <Text size="xs" c="dimmed">
                {t('refused.madeAt', { time: formatDateTime(c.createdAt, language) })} · {t('refused.serverSaid', { message: c.reason.message })}
              </Text>
              {fixing === c.id ? (
                <FixForm change={c} onCancel={() => setFixing(null)} onDone={() => { setFixing(null); onChanged(); }} />
              ) : (
                <Group gap="xs">
                  {c.fields && <Button size="compact-xs" variant="light" onClick={() => setFixing(c.id)}>{t('refused.fix')}</Button>}
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => discard(c.id)}>{t('refused.discard')}</Button>
                </Group>
              )}
            </Stack>
          </li>
        ))}
      </ul>
    </section>
  );
}
