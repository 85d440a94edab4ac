// The Integrations screen (integrations.manage: admins): the API keys of the systems of
// record that feed orders, invoices and contracts (docs/integrations.md). A key is shown
// once, when it is made (the server keeps only its hash), with a copy button and a warning;
// revoking asks first. Both are audited on the server (integrationKeys.create / .revoke).
import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INTEGRATION_SCOPES, type IntegrationKey, type IntegrationScope } from '../../../shared/integrations.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime } from '../../i18n/format.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

function KeyOnce({ name, secret, onClose }: { name: string; secret: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('adminIntegrations.onceTitle', { name })} closeButtonProps={{ 'aria-label': t('adminIntegrations.close') }} size="lg">
      <Stack gap="sm">
        <Alert color="yellow" variant="light" role="alert">{t('adminIntegrations.onceWarning')}</Alert>
        <Text size="sm" fw={500}>{t('adminIntegrations.secret')}</Text>
        <Code block aria-label={t('adminIntegrations.secret')} data-testid="integration-key" style={{ wordBreak: 'break-all' }}>{secret}</Code>
        <Group justify="space-between">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy}>{copied ? t('adminIntegrations.copied') : t('adminIntegrations.copy')}</Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('adminIntegrations.close')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CreateKey({ onCreated }: { onCreated(name: string, secret: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<IntegrationScope[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) { setError(t('adminIntegrations.nameRequired')); return; }
    if (scopes.length === 0) { setError(t('adminIntegrations.scopeRequired')); return; }
    setBusy(true);
    try {
      const created = await sapa().call('admin.integrations.create', { name: name.trim(), scopes });
      void invalidateMethod('admin.integrations.list');
      setName('');
      setScopes([]);
      onCreated(created.integrationKey.name, created.key);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="form" aria-label={t('adminIntegrations.createTitle')} onSubmit={(e: FormEvent) => void submit(e)}>
      <Stack gap="xs">
        <Text fw={600}>{t('adminIntegrations.createTitle')}</Text>
        <Group align="end">
          <TextInput label={t('adminIntegrations.name')} description={t('adminIntegrations.nameHint')} value={name} maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)} w={280} />
          <Checkbox.Group label={t('adminIntegrations.scopes')} value={scopes} onChange={(v) => setScopes(v as IntegrationScope[])}>
            <Group gap="md" mt={6}>
              {INTEGRATION_SCOPES.map((s) => <Checkbox key={s} value={s} label={t(`adminIntegrations.scope.${s}`)} />)}
            </Group>
          </Checkbox.Group>
          <Button type="submit" loading={busy}>{t('adminIntegrations.create')}</Button>
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
      </Stack>
    </Paper>
  );
}

export function IntegrationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const list = useCoreQuery('admin.integrations.list', {}, { staleTime: 0 });
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<IntegrationKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, language) : '—');

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await sapa().call('admin.integrations.revoke', { id: revoking.id });
      void invalidateMethod('admin.integrations.list');
      setMessage({ ok: true, text: t('adminIntegrations.revoked', { name: revoking.name }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  return (
    <Stack gap="sm" p="md">
      <Title order={2}>{t('adminIntegrations.title')}</Title>
      <Text size="sm" c="dimmed">{t('adminIntegrations.intro')}</Text>
      <CreateKey onCreated={(name, secret) => { setMessage(null); setShown({ name, secret }); }} />
      {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
      {list.error && <Alert color="red" role="alert">{errorText(t, list.error)}</Alert>}
      {list.data && list.data.keys.length === 0 && <Text c="dimmed">{t('adminIntegrations.empty')}</Text>}
      {list.data && list.data.keys.length > 0 && (
        <Table striped aria-label={t('adminIntegrations.table')} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminIntegrations.name')}</Table.Th>
              <Table.Th>{t('adminIntegrations.system')}</Table.Th>
              <Table.Th>{t('adminIntegrations.scopes')}</Table.Th>
              <Table.Th>{t('adminIntegrations.created')}</Table.Th>
              <Table.Th>{t('adminIntegrations.lastUsed')}</Table.Th>
              <Table.Th>{t('adminIntegrations.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.keys.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td><Code>{k.prefix}</Code></Table.Td>
                <Table.Td>{k.scopes.map((s) => t(`adminIntegrations.scope.${s}`)).join(', ')}</Table.Td>
                <Table.Td>{when(k.createdAt)}{k.createdBy ? ` · ${k.createdBy}` : ''}</Table.Td>
                <Table.Td>{k.lastUsedAt ? when(k.lastUsedAt) : t('adminIntegrations.never')}</Table.Td>
                <Table.Td>
                  {k.revokedAt
                    ? <Badge color="gray">{t('adminIntegrations.revokedAt', { when: when(k.revokedAt) })}</Badge>
                    : <Badge color="green">{t('adminIntegrations.active')}</Badge>}
                </Table.Td>
                <Table.Td>
                  {!k.revokedAt && (
                    <Button size="compact-xs" color="red" variant="light" onClick={() => { setMessage(null); setRevoking(k); }}
                      aria-label={t('adminIntegrations.revokeOne', { name: k.name })}>
                      {t('adminIntegrations.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {shown && <KeyOnce name={shown.name} secret={shown.secret} onClose={() => setShown(null)} />}
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('adminIntegrations.revokeTitle', { name: revoking?.name ?? '' })} centered>
        <Stack>
          <Text size="sm">{t('adminIntegrations.revokeBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)} disabled={busy}>{t('adminIntegrations.cancel')}</Button>
            <Button color="red" onClick={() => void revoke()} loading={busy}>{t('adminIntegrations.confirmRevoke')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
