// The admins' list of approved WhatsApp templates (on the Settings page): the name and
// language exactly as registered with Meta and the approved text with {{1}} … for the values
// the agent fills in. Only active ones are offered once a customer's 24-hour window closes.
// Above it, whether the WhatsApp channel is configured (secrets are never shown).
import { Alert, Badge, Button, Checkbox, Group, Paper, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type WhatsappTemplate } from '../../../shared/messaging-channels.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';
import { useCoreQuery } from '../../platform/query-client.js';

export function WhatsappTemplatesPanel() {
  const { t } = useTranslation();
  const templates = useCoreQuery('admin.whatsappTemplates.list', {});
  const channel = useCoreQuery('admin.channelSettings.get', {});
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('id');
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (input: { id?: string; name: string; language: string; body: string; active: boolean; paragraphId: string | null }) => {
    setNotice(null);
    try {
      await sapa().call('admin.whatsappTemplates.save', input);
      setNotice({ ok: true, text: t('whatsappTemplates.saved', { name: input.name }) });
      await templates.refetch();
      return true;
    } catch (error) {
      setNotice({ ok: false, text: errorText(t, error) });
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await save({ name: name.trim(), language: language.trim(), body: body.trim(), active: true, paragraphId: null })) {
      setName('');
      setBody('');
    }
  };
  const toggle = (x: WhatsappTemplate) => void save({ id: x.id, name: x.name, language: x.language, body: x.body, paragraphId: x.paragraphId, active: !x.active });
  const wa = channel.data?.whatsapp;
  // Meta's rules for a template's name and language code, said before the server refuses them.
  const nameBad = name.trim() !== '' && !/^[a-z0-9_]{1,512}$/.test(name.trim());
  const languageBad = !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language.trim());

  return (
    <Paper withBorder p="sm" m="md" maw={900} component="section" aria-label={t('whatsappTemplates.title')}>
      <Title order={4} mb={4}>{t('whatsappTemplates.title')}</Title>
      {wa && (
        <Group gap="xs" mb="xs">
          <Text size="xs">{t('whatsappTemplates.phoneNumberId', { id: wa.phoneNumberId ?? '—' })}</Text>
          {(['accessTokenSet', 'appSecretSet', 'verifyTokenSet'] as const).map((k) => (
            <Badge key={k} size="xs" variant="light" color={wa[k] ? 'green' : 'gray'}>{t(`whatsappTemplates.${k}`)}: {wa[k] ? t('adminSettings.secretSet') : t('adminSettings.secretUnset')}</Badge>
          ))}
        </Group>
      )}
      <Text size="xs" c="dimmed" mb="xs">{t('whatsappTemplates.intro')}</Text>
      {templates.data && templates.data.templates.length === 0 && <Text size="sm">{t('whatsappTemplates.none')}</Text>}
      {templates.data && templates.data.templates.length > 0 && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('whatsappTemplates.name')}</Table.Th><Table.Th>{t('whatsappTemplates.language')}</Table.Th>
              <Table.Th>{t('whatsappTemplates.body')}</Table.Th><Table.Th>{t('whatsappTemplates.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.data.templates.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td><Text size="sm" ff="monospace">{x.name}</Text></Table.Td>
                <Table.Td>{x.language}</Table.Td>
                <Table.Td><Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>{x.body}</Text></Table.Td>
                <Table.Td>
                  <Checkbox aria-label={t('whatsappTemplates.activeFor', { name: x.name, language: x.language })} checked={x.active} onChange={() => toggle(x)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={(e) => void add(e)} noValidate>
        <Group align="flex-end" mt="sm" gap="xs" wrap="nowrap">
          <TextInput size="xs" label={t('whatsappTemplates.name')} description={t('whatsappTemplates.nameHint')} value={name}
            error={nameBad ? t('whatsappTemplates.nameInvalid') : undefined} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput size="xs" w={120} label={t('whatsappTemplates.language')} value={language}
            error={languageBad ? t('whatsappTemplates.languageInvalid') : undefined} onChange={(e) => setLanguage(e.currentTarget.value)} />
        </Group>
        <Textarea size="xs" mt="xs" autosize minRows={2} label={t('whatsappTemplates.body')} description={t('whatsappTemplates.bodyHint', { example: '{{1}}, {{2}} …' })} value={body}
          onChange={(e) => setBody(e.currentTarget.value)} />
        <Group mt="xs"><Button size="xs" type="submit" disabled={!name.trim() || !body.trim() || nameBad || languageBad}>{t('whatsappTemplates.add')}</Button></Group>
      </form>
      {notice && <Alert mt="xs" p="xs" color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</Alert>}
    </Paper>
  );
}
