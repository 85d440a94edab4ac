// Rings: who is in each (sites, teams, install ids, a percentage), what it is offered, the
// desktops it takes per version; offer, widen, pause, pin — each after a confirm.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Ring } from '../../../shared/releases-routes.js';
import { releaseError } from './release-error.js';
import { sapa } from '../../platform/sapa.js';
import { ConfirmDialog, type PendingConfirm } from './ConfirmDialog.js';

const list = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
const EMPTY = { name: '', position: 1, sites: '', teams: '', installIds: '', percent: 0 };

export function RingsTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rings = useQuery({ queryKey: ['admin.releases.rings'], queryFn: () => sapa().call('admin.releases.rings', {}), staleTime: 0 });
  const releases = useQuery({ queryKey: ['admin.releases.list'], queryFn: () => sapa().call('admin.releases.list', {}), staleTime: 0 });
  const ready = (releases.data?.releases ?? []).filter((r) => r.state === 'ready');
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [choice, setChoice] = useState<Record<string, string | null>>({});
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const all: Ring[] = rings.data?.rings ?? [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin.releases.rings'] });

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      setMessage({ ok: true, text: t('adminReleases.done') });
      return true;
    } catch (error) {
      setMessage({ ok: false, text: releaseError(t, error) });
      return false;
    } finally {
      setBusy(false);
      setPending(null);
      await refresh();
    }
  }

  async function save() {
    const ok = await run(() => sapa().call('admin.releases.saveRing', {
      ...(editing ? { ringId: editing } : {}),
      ring: { name: form.name.trim(), position: form.position, siteCodes: list(form.sites), teamIds: list(form.teams), installIds: list(form.installIds), percent: form.percent },
    }));
    if (ok) {
      setForm(EMPTY);
      setEditing(null);
    }
  }

  function edit(r: Ring) {
    setEditing(r.id);
    setForm({ name: r.name, position: r.position, sites: r.siteCodes.join(', '), teams: r.teamIds.join(', '), installIds: r.installIds.join('\n'), percent: r.percent });
  }

  const versionOf = (id: string | null | undefined) => ready.find((r) => r.id === id)?.version ?? '';
  const ask = (title: string, body: string, action: () => Promise<unknown>) => setPending({ title, body, run: action });

  return (
    <Stack gap="sm">
      {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} variant="light">{message.text}</Alert>}
      {(rings.error ?? releases.error) && <Alert color="red" role="alert" variant="light">{releaseError(t, rings.error ?? releases.error)}</Alert>}
      {rings.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminReleases.loading')}</Text></Group>}
      {rings.isSuccess && all.length === 0 && <Text size="sm" c="dimmed">{t('adminReleases.noRings')}</Text>}
      {all.length > 0 && (
        <Table fz="sm" aria-label={t('adminReleases.ringList')} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminReleases.ring')}</Table.Th>
              <Table.Th>{t('adminReleases.members')}</Table.Th>
              <Table.Th>{t('adminReleases.offered')}</Table.Th>
              <Table.Th>{t('adminReleases.desktops')}</Table.Th>
              <Table.Th>{t('adminReleases.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {all.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><Text size="sm" fw={600}>{r.position}. {r.name}</Text></Table.Td>
                <Table.Td>
                  <Text size="xs">{t('adminReleases.memberSummary', {
                    sites: r.siteCodes.join(', ') || '—', teams: r.teamIds.length, desktops: r.installIds.length, percent: r.percent,
                  })}</Text>
                </Table.Td>
                <Table.Td>
                  {r.pinnedVersion ? <Badge color="grape" variant="light">{t('adminReleases.pinnedTo', { version: r.pinnedVersion })}</Badge>
                    : r.offer ? (
                      <Group gap={4}>
                        <Text size="sm">{r.offer.version}</Text>
                        {r.offer.pausedAt && <Badge color="orange" variant="light">{t('adminReleases.paused')}</Badge>}
                      </Group>
                    ) : <Text size="sm" c="dimmed">{t('adminReleases.nothingOffered')}</Text>}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{r.desktops.length === 0 ? '—' : r.desktops.map((d) => `${d.appVersion}: ${d.count}`).join(' · ')}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="wrap">
                    <Select size="xs" w={110} aria-label={t('adminReleases.releaseFor', { ring: r.name })} placeholder={t('adminReleases.release')}
                      data={ready.map((x) => ({ value: x.id, label: x.version }))} value={choice[r.id] ?? null}
                      onChange={(v) => setChoice({ ...choice, [r.id]: v })} />
                    <Button size="xs" disabled={!choice[r.id]} aria-label={t('adminReleases.offerTo', { ring: r.name })}
                      onClick={() => ask(t('adminReleases.offerTitle'), t('adminReleases.offerBody', { version: versionOf(choice[r.id]), ring: r.name }),
                        () => sapa().call('admin.releases.offer', { ringId: r.id, releaseId: choice[r.id]! }))}>
                      {t('adminReleases.offer')}
                    </Button>
                    <Button size="xs" variant="default" disabled={!choice[r.id] && !r.pinnedReleaseId}
                      aria-label={r.pinnedReleaseId ? t('adminReleases.unpinRing', { ring: r.name }) : t('adminReleases.pinRing', { ring: r.name })}
                      onClick={() => ask(t('adminReleases.pinTitle'), r.pinnedReleaseId ? t('adminReleases.unpinBody', { ring: r.name })
                        : t('adminReleases.pinBody', { ring: r.name, version: versionOf(choice[r.id]) }),
                      () => sapa().call('admin.releases.pin', { ringId: r.id, releaseId: r.pinnedReleaseId ? null : choice[r.id]! }))}>
                      {r.pinnedReleaseId ? t('adminReleases.unpin') : t('adminReleases.pin')}
                    </Button>
                    {r.offer && (
                      <>
                        <Button size="xs" variant="default" aria-label={t('adminReleases.widenRing', { ring: r.name })}
                          onClick={() => ask(t('adminReleases.widenTitle'), t('adminReleases.widenBody', { version: r.offer!.version, ring: r.name }),
                            () => sapa().call('admin.releases.widen', { ringId: r.id }))}>
                          {t('adminReleases.widen')}
                        </Button>
                        <Button size="xs" variant="light" color="orange"
                          aria-label={r.offer.pausedAt ? t('adminReleases.resumeRing', { ring: r.name }) : t('adminReleases.pauseRing', { ring: r.name })}
                          onClick={() => ask(t('adminReleases.pauseTitle'), r.offer!.pausedAt ? t('adminReleases.resumeBody', { ring: r.name })
                            : t('adminReleases.pauseBody', { ring: r.name, version: r.offer!.version }),
                          () => sapa().call('admin.releases.pause', { ringId: r.id, paused: !r.offer!.pausedAt }))}>
                          {r.offer.pausedAt ? t('adminReleases.resume') : t('adminReleases.pause')}
                        </Button>
                      </>
                    )}
                    <Button size="xs" variant="subtle" aria-label={t('adminReleases.editRing', { ring: r.name })} onClick={() => edit(r)}>
                      {t('adminReleases.edit')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Paper withBorder p="sm">
        <form aria-label={editing ? t('adminReleases.editRingForm') : t('adminReleases.newRing')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <Stack gap="xs">
            <Title order={3} size="h5">{editing ? t('adminReleases.editRingForm') : t('adminReleases.newRing')}</Title>
            <Group align="start" gap="sm" wrap="wrap">
              <TextInput label={t('adminReleases.ringName')} w={150} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
              <NumberInput label={t('adminReleases.position')} w={90} min={0} max={1000} value={form.position}
                onChange={(v) => setForm({ ...form, position: Number(v) || 0 })} />
              <TextInput label={t('adminReleases.sites')} description={t('adminReleases.listHint')} w={150} value={form.sites}
                onChange={(e) => setForm({ ...form, sites: e.currentTarget.value })} />
              <TextInput label={t('adminReleases.teams')} description={t('adminReleases.listHint')} w={170} value={form.teams}
                onChange={(e) => setForm({ ...form, teams: e.currentTarget.value })} />
              <Textarea label={t('adminReleases.installIds')} description={t('adminReleases.listHint')} w={260} autosize minRows={1} maxRows={3}
                value={form.installIds} onChange={(e) => setForm({ ...form, installIds: e.currentTarget.value })} />
              <NumberInput label={t('adminReleases.percent')} w={100} min={0} max={100} decimalScale={2} value={form.percent}
                onChange={(v) => setForm({ ...form, percent: Number(v) || 0 })} />
            </Group>
            <Group gap="xs">
              <Button type="submit" loading={busy}>{editing ? t('adminReleases.saveRing') : t('adminReleases.createRing')}</Button>
              {editing && <Button variant="default" onClick={() => { setEditing(null); setForm(EMPTY); }}>{t('adminReleases.cancel')}</Button>}
            </Group>
          </Stack>
        </form>
      </Paper>
      <ConfirmDialog pending={pending} busy={busy} onClose={() => setPending(null)} onConfirm={() => void (pending && run(pending.run))} />
    </Stack>
  );
}
