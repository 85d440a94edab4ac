// The Users admin screen: a searchable, filtered, paged table; a drawer to create or edit
// a user; disable / enable with a confirmation; a password reset shown once; CSV bulk create.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AdminUserListInput } from '../../../shared/admin-users-api.js';
import { type AdminUser, type UserFields } from '../../../shared/admin-users.js';
import { ROLES, type Role } from '../../../shared/domain.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { BulkCreate } from './BulkCreate.js';
import { PasswordOnce } from './PasswordOnce.js';
import { UserForm } from './UserForm.js';
import { userErrorText } from './user-error.js';

const PAGE_SIZE = 15;
type Confirm = { kind: 'disable' | 'reset'; user: AdminUser };

export function UsersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ q: '', role: '', status: '' });
  const [filters, setFilters] = useState<AdminUserListInput>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const [bulk, setBulk] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const list = useQuery({
    queryKey: ['admin.users.list', filters, page],
    queryFn: () => sapa().call('admin.users.list', { ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const options = useQuery({ queryKey: ['admin.users.options'], queryFn: () => sapa().call('admin.users.options', {}), staleTime: 30_000 });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin.users.list'] });

  function apply(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setFilters({
      ...(form.q.trim() ? { q: form.q.trim() } : {}),
      ...(form.role ? { role: form.role as Role } : {}),
      ...(form.status ? { disabled: form.status === 'disabled' } : {}),
    });
  }

  async function save(fields: UserFields & { username?: string }) {
    if (editing === 'new') {
      const { user, password } = await sapa().call('admin.users.create', { ...fields, username: fields.username ?? '' });
      setEditing(null);
      setShown({ name: user.displayName, password });
    } else if (editing) {
      const { username: _ignored, ...rest } = fields;
      const user = await sapa().call('admin.users.update', { id: editing.id, fields: rest });
      setEditing(null);
      setNotice({ ok: true, text: t('adminUsers.saved', { name: user.displayName }) });
    }
    refresh();
  }

  async function act(run: () => Promise<string>) {
    setBusy(true);
    try {
      setNotice({ ok: true, text: await run() });
    } catch (e) {
      setNotice({ ok: false, text: userErrorText(t, e) });
    } finally {
      setBusy(false);
      setConfirm(null);
      refresh();
    }
  }

  const confirmed = () => {
    if (!confirm) return;
    const { user } = confirm;
    if (confirm.kind === 'disable') {
      void act(async () => {
        const { revoked } = await sapa().call('admin.users.disable', { id: user.id });
        return t('adminUsers.disabledDone', { name: user.displayName, count: revoked });
      });
    } else {
      void act(async () => {
        const { password } = await sapa().call('admin.users.resetPassword', { id: user.id });
        setShown({ name: user.displayName, password });
        return t('adminUsers.saved', { name: user.displayName });
      });
    }
  };
  const enable = (user: AdminUser) => void act(async () => {
    await sapa().call('admin.users.enable', { id: user.id });
    return t('adminUsers.enabledDone', { name: user.displayName });
  });

  const users = list.data?.users ?? [];
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const loadError = list.error ?? options.error;

  return (
    <section aria-label={t('adminUsers.title')}>
      <Stack gap="sm" p="md">
        <Group justify="space-between">
          <Title order={2}>{t('adminUsers.title')}</Title>
          <Group gap="xs">
            <Button variant="default" onClick={() => setBulk(true)}>{t('adminUsers.bulk')}</Button>
            <Button onClick={() => setEditing('new')} disabled={!options.data}>{t('adminUsers.newUser')}</Button>
          </Group>
        </Group>
        <form onSubmit={apply} aria-label={t('adminUsers.filters')}>
          <Group align="end" gap="sm">
            <TextInput label={t('adminUsers.search')} placeholder={t('adminUsers.searchHint')} value={form.q} w={240} maxLength={100}
              onChange={(e) => setForm({ ...form, q: e.currentTarget.value })} />
            <Select label={t('adminUsers.role')} w={170} value={form.role || null} placeholder={t('adminUsers.anyRole')} clearable
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} onChange={(v) => setForm({ ...form, role: v ?? '' })} />
            <Select label={t('adminUsers.status')} w={200} value={form.status || null} placeholder={t('adminUsers.anyStatus')} clearable
              data={[{ value: 'active', label: t('adminUsers.active') }, { value: 'disabled', label: t('adminUsers.disabled') }]}
              onChange={(v) => setForm({ ...form, status: v ?? '' })} />
            <Button type="submit">{t('adminUsers.apply')}</Button>
          </Group>
        </form>
        {loadError && <Alert color="red" role="alert" variant="light">{errorText(t, loadError)}</Alert>}
        {notice && <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} variant="light" withCloseButton
          closeButtonLabel={t('adminUsers.close')} onClose={() => setNotice(null)}>{notice.text}</Alert>}
        {list.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminUsers.loading')}</Text></Group>}
        {list.isSuccess && users.length === 0 && <Text size="sm" c="dimmed">{t('adminUsers.empty')}</Text>}
        {users.length > 0 && (
          <Table striped fz="sm" aria-label={t('adminUsers.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adminUsers.user')}</Table.Th>
                <Table.Th>{t('adminUsers.role')}</Table.Th>
                <Table.Th>{t('adminUsers.branch')}</Table.Th>
                <Table.Th>{t('adminUsers.team')}</Table.Th>
                <Table.Th>{t('adminUsers.queues')}</Table.Th>
                <Table.Th>{t('adminUsers.extension')}</Table.Th>
                <Table.Th>{t('adminUsers.status')}</Table.Th>
                <Table.Th>{t('adminUsers.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>{u.displayName}</Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{u.username}</Text>
                  </Table.Td>
                  <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                  <Table.Td>{u.branch ?? '—'}</Table.Td>
                  <Table.Td>{u.teamName ?? '—'}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{u.queues.join(', ') || '—'}</Table.Td>
                  <Table.Td>{u.extension ?? '—'}</Table.Td>
                  <Table.Td>
                    {u.disabledAt
                      ? <Badge color="red" variant="light" title={t('adminUsers.statusDisabled', { at: formatDateTime(u.disabledAt, language) })}>{t('adminUsers.disabled')}</Badge>
                      : <Badge color="green" variant="light">{t('adminUsers.statusActive')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    {/* Wraps on a narrow window rather than push the table past it. */}
                    <Group gap={4} wrap="wrap">
                      <Button size="compact-xs" variant="light" aria-label={t('adminUsers.edit', { name: u.username })}
                        disabled={!options.data} onClick={() => setEditing(u)}>{t('adminUsers.editShort')}</Button>
                      {u.disabledAt
                        ? <Button size="compact-xs" variant="light" color="green" aria-label={t('adminUsers.enable', { name: u.username })}
                          onClick={() => enable(u)} disabled={busy}>{t('adminUsers.enableShort')}</Button>
                        : <Button size="compact-xs" variant="light" color="red" aria-label={t('adminUsers.disable', { name: u.username })}
                          onClick={() => setConfirm({ kind: 'disable', user: u })}>{t('adminUsers.disableShort')}</Button>}
                      <Button size="compact-xs" variant="subtle" aria-label={t('adminUsers.resetPassword', { name: u.username })}
                        onClick={() => setConfirm({ kind: 'reset', user: u })}>{t('adminUsers.resetShort')}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {list.data && list.data.total > PAGE_SIZE && (
          <Group justify="space-between">
            <Text size="sm">{t('adminUsers.page', { page, pages, total: list.data.total })}</Text>
            <Pagination total={pages} value={page} onChange={setPage} aria-label={t('adminUsers.pagination')} size="sm" />
          </Group>
        )}
      </Stack>
      {editing && options.data && (
        <UserForm user={editing === 'new' ? null : editing} options={options.data} onSubmit={save} onClose={() => setEditing(null)} />
      )}
      {confirm && (
        <Modal opened onClose={() => setConfirm(null)} closeButtonProps={{ 'aria-label': t('adminUsers.close') }}
          title={t(confirm.kind === 'disable' ? 'adminUsers.confirmDisableTitle' : 'adminUsers.confirmResetTitle', { name: confirm.user.displayName })}>
          <Stack gap="sm">
            <Text size="sm">{t(confirm.kind === 'disable' ? 'adminUsers.confirmDisableText' : 'adminUsers.confirmResetText', { name: confirm.user.displayName })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>{t('adminUsers.cancel')}</Button>
              <Button color={confirm.kind === 'disable' ? 'red' : 'blue'} loading={busy} onClick={confirmed}>
                {t(confirm.kind === 'disable' ? 'adminUsers.confirmDisable' : 'adminUsers.confirmReset')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {shown && <PasswordOnce name={shown.name} password={shown.password} onClose={() => setShown(null)} />}
      {bulk && <BulkCreate onClose={() => setBulk(false)} onCreated={refresh} />}
    </section>
  );
}
