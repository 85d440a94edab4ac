// The reply library for leads and admins: every paragraph with its status, usage and
// revision; create, edit, approve, retire. Agents use the library from the composer.
import { Alert, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReplyParagraph } from '../../../shared/replies/schemas.js';
import { errorText } from '../../i18n/error-text.js';
import { logger } from '../../platform/logger.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { ParagraphForm } from './ParagraphForm.js';

const STATUS_COLOR = { approved: 'green', draft: 'yellow', retired: 'gray' } as const;
const NO_PARAGRAPHS: ReplyParagraph[] = [];

export function LibraryPage() {
  const { t } = useTranslation();
  const library = useCoreQuery('replies.list', {});
  // Paragraphs shown as public FAQ in the site's chat widget (online: the mark lives on the server).
  const faq = useCoreQuery('replies.publicFaqIds', {}, { retry: false });
  const publicIds = new Set(faq.data?.ids ?? []);
  const setPublic = async (id: string, on: boolean) => {
    await sapa().call('replies.setPublicFaq', { id, public: on }).catch((error: unknown) => logger.warn('public FAQ mark failed', error));
    void invalidateMethod('replies.publicFaqIds');
  };
  const paragraphs = library.data?.paragraphs ?? NO_PARAGRAPHS;
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<ReplyParagraph | 'new' | null>(null);

  const load = () => void invalidateMethod('replies.list');

  const setStatus = async (id: string, status: 'approved' | 'retired') => {
    await sapa().call('replies.setStatus', { id, status }).catch((error: unknown) => logger.warn('status change failed', error));
    load();
  };
  const needle = filter.trim().toLowerCase();
  const shown = needle ? paragraphs.filter((p) => `${p.title} ${p.shortcut} ${p.category}`.toLowerCase().includes(needle)) : paragraphs;

  return (
    <section aria-label={t('library.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('library.title')}</Title>
        {library.error && (
          <Alert color="red" role="alert" variant="light">{errorText(t, library.error)}</Alert>
        )}
        <Group>
          <TextInput label={t('library.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
          <Button onClick={() => setEditing('new')}>{t('library.create')}</Button>
        </Group>
        {editing && (
          <ParagraphForm key={editing === 'new' ? 'new' : editing.id} paragraph={editing === 'new' ? null : editing}
            onSaved={() => { setEditing(null); load(); }} />
        )}
        <Table striped aria-label={t('library.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('library.fieldTitle')}</Table.Th><Table.Th>{t('library.shortcut')}</Table.Th>
              {/* Category and language share a column: the table fits 1280 px in Bahasa Indonesia with the FAQ mark. */}
              <Table.Th>{t('library.category')} · {t('library.language')}</Table.Th>
              <Table.Th>{t('library.status')}</Table.Th><Table.Th>{t('library.usage')}</Table.Th><Table.Th>{t('library.publicFaq')}</Table.Th><Table.Th>{t('library.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.title}<Text size="xs" c="dimmed">r{p.revision} · {p.authorName ?? ''}</Text></Table.Td>
                <Table.Td>/{p.shortcut}</Table.Td><Table.Td>{p.category} · {p.language}</Table.Td>
                <Table.Td><Badge size="sm" color={STATUS_COLOR[p.status]} variant="light">{t(`library.statuses.${p.status}`)}</Badge></Table.Td>
                <Table.Td>{p.usageCount}</Table.Td>
                <Table.Td>
                  <Checkbox size="xs" aria-label={t('library.publicFaqOne', { title: p.title })} checked={publicIds.has(p.id)} disabled={!faq.data || p.status === 'retired'}
                    onChange={(e) => void setPublic(p.id, e.currentTarget.checked)} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {p.status !== 'retired' && (
                      <Button size="compact-xs" variant="light" aria-label={t('library.editOne', { title: p.title })} onClick={() => setEditing(p)}>{t('library.editShort')}</Button>
                    )}
                    {p.status === 'draft' && (
                      <Button size="compact-xs" aria-label={t('library.approveOne', { title: p.title })} onClick={() => void setStatus(p.id, 'approved')}>{t('library.approve')}</Button>
                    )}
                    {p.status !== 'retired' && (
                      <Button size="compact-xs" color="gray" variant="light" aria-label={t('library.retireOne', { title: p.title })} onClick={() => void setStatus(p.id, 'retired')}>{t('library.retire')}</Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </section>
  );
}
