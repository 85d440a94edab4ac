// Create or edit one reply paragraph (leads and admins). Saving makes a new revision; the
// server refuses bodies with template errors and says which.
import { Alert, Button, Checkbox, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS, type Language, type Tier } from '../../../shared/domain.js';
import { REPLY_CHANNELS, type ReplyChannel, type ReplyParagraph } from '../../../shared/replies/schemas.js';
import { parseTemplate } from '../../../shared/replies/template.js';
import { errorCodeOf } from '../../platform/errors.js';
import { sapa } from '../../platform/sapa.js';

export function ParagraphForm({ paragraph, onSaved }: { paragraph: ReplyParagraph | null; onSaved(p: ReplyParagraph): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(paragraph?.title ?? '');
  const [shortcut, setShortcut] = useState(paragraph?.shortcut ?? '');
  const [category, setCategory] = useState(paragraph?.category ?? '');
  const [channels, setChannels] = useState<ReplyChannel[]>(paragraph?.channels ?? ['email']);
  const [language, setLanguage] = useState<Language>(paragraph?.language ?? 'id');
  const [tiers, setTiers] = useState<Tier[]>(paragraph?.tiers ?? []);
  const [body, setBody] = useState(paragraph?.body ?? '');
  const [error, setError] = useState<string | null>(null);
  const problems = parseTemplate(body).problems;

  const save = async (event: FormEvent, approve: boolean) => {
    event.preventDefault();
    setError(null);
    try {
      const saved = await sapa().call('replies.save', {
        ...(paragraph ? { id: paragraph.id, baseRevision: paragraph.revision } : {}),
        title, shortcut, category, channels, language, tiers, body, approve,
      });
      onSaved(saved);
    } catch (e) {
      setError(t(`errors.${errorCodeOf(e)}`, { defaultValue: t('library.saveError') }));
    }
  };

  return (
    <form aria-label={paragraph ? t('library.edit') : t('library.create')} onSubmit={(e) => void save(e, false)}>
      <Stack gap="xs">
        <Group gap="xs" grow>
          <TextInput label={t('library.fieldTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} />
          <TextInput label={t('library.shortcut')} value={shortcut} onChange={(e) => setShortcut(e.currentTarget.value)} required maxLength={40} />
          <TextInput label={t('library.category')} value={category} onChange={(e) => setCategory(e.currentTarget.value)} required maxLength={100} />
          <Select label={t('library.language')} data={[{ value: 'id', label: 'Bahasa Indonesia' }, { value: 'en', label: 'English' }]}
            value={language} onChange={(v) => setLanguage((v as Language | null) ?? 'id')} allowDeselect={false} />
        </Group>
        <Checkbox.Group label={t('library.channels')} value={channels} onChange={(v) => setChannels(v as ReplyChannel[])}>
          <Group gap="sm">{REPLY_CHANNELS.map((c) => <Checkbox key={c} value={c} label={t(`library.channel.${c}`)} />)}</Group>
        </Checkbox.Group>
        <Checkbox.Group label={t('library.tiers')} value={tiers} onChange={(v) => setTiers(v as Tier[])}>
          <Group gap="sm">{TIERS.map((tier) => <Checkbox key={tier} value={tier} label={t(`tier.${tier}`)} />)}</Group>
        </Checkbox.Group>
        <Textarea label={t('library.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={4} required
          error={problems.length > 0 ? problems.map((p) => p.text).join(', ') : undefined} />
        {error && <Alert color="red" role="alert" variant="light">{error}</Alert>}
        <Group>
          <Button type="submit" variant="default">{t('library.saveDraft')}</Button>
          <Button type="button" onClick={(e) => void save(e, true)}>{t('library.saveApprove')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
