// The releases: upload what electron-builder made (or register files on a file server),
// the list with each file's state, and the rollback.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Progress, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Release } from '../../../shared/releases-routes.js';
import { formatDateTime } from '../../i18n/format.js';
import { releaseError } from './release-error.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { ConfirmDialog, type PendingConfirm } from './ConfirmDialog.js';
import { isChannelFile, uploadRelease, type UploadProgress } from './upload-release.js';
import { FilePicker } from '../../app/FilePicker.js';

const STATE_COLOR = { draft: 'gray', ready: 'green', withdrawn: 'red' } as const;

function percent(p: UploadProgress): number {
  return p.total > 0 ? Math.round((p.bytes / p.total) * 100) : 100;
}

export function ReleasesTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [notes, setNotes] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [uploading, setUploading] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [goodId, setGoodId] = useState<string | null>(null);
  const [rollbackVersion, setRollbackVersion] = useState('');
  const [pending, setPending] = useState<PendingConfirm | null>(null);
  const [busy, setBusy] = useState(false);

  const list = useQuery({ queryKey: ['admin.releases.list'], queryFn: () => sapa().call('admin.releases.list', {}), staleTime: 0 });
  const releases: Release[] = list.data?.releases ?? [];
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: ['admin.releases.list'] }), queryClient.invalidateQueries({ queryKey: ['admin.releases.rings'] }),
  ]);

  async function upload() {
    setMessage(null);
    if (!files.some((f) => isChannelFile(f.name))) {
      setMessage({ ok: false, text: t('adminReleases.needYml') });
      return;
    }
    setUploading(true);
    try {
      const release = await uploadRelease(files, { notes, baseUrl: baseUrl.trim() || null }, setProgress);
      setMessage({ ok: true, text: t(release.state === 'ready' ? 'adminReleases.uploadedReady' : 'adminReleases.uploadedDraft', { version: release.version }) });
      setFiles([]);
      setNotes('');
      setBaseUrl('');
    } catch (error) {
      setMessage({ ok: false, text: releaseError(t, error) });
    } finally {
      setUploading(false);
      setProgress(null);
      await refresh();
    }
  }

  const good = releases.find((r) => r.id === goodId);
  function askRollback() {
    if (!good) return;
    setPending({
      title: t('adminReleases.rollbackTitle'),
      body: t('adminReleases.rollbackBody', { good: good.buildVersion, version: rollbackVersion.trim() }),
      run: () => sapa().call('admin.releases.rollback', { goodReleaseId: good.id, version: rollbackVersion.trim() }),
    });
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    try {
      await pending.run();
      setMessage({ ok: true, text: t('adminReleases.done') });
    } catch (error) {
      setMessage({ ok: false, text: releaseError(t, error) });
    } finally {
      setBusy(false);
      setPending(null);
      await refresh();
    }
  }

  return (
    <Stack gap="sm">
      <Group align="end" gap="sm" wrap="wrap">
        <FilePicker label={t('adminReleases.files')} description={t('adminReleases.filesHint')} multiple
          files={files} onChange={setFiles} disabled={uploading} />
        <TextInput label={t('adminReleases.baseUrl')} description={t('adminReleases.baseUrlHint')} w={280} value={baseUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)} disabled={uploading} />
        <Textarea label={t('adminReleases.notes')} w={240} autosize minRows={1} maxRows={3} value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)} disabled={uploading} />
        <Button onClick={() => void upload()} loading={uploading}>{t('adminReleases.upload')}</Button>
      </Group>
      {progress && (
        <Stack gap={4}>
          <Text size="sm">{t('adminReleases.uploading', { file: progress.file, percent: percent(progress), done: progress.done, files: progress.files })}</Text>
          <Progress value={percent(progress)} aria-label={t('adminReleases.uploadProgress')} />
        </Stack>
      )}
      {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} variant="light">{message.text}</Alert>}
      {list.error && <Alert color="red" role="alert" variant="light">{releaseError(t, list.error)}</Alert>}
      {list.isPending && <Group gap="xs"><Loader size="sm" /><Text size="sm">{t('adminReleases.loading')}</Text></Group>}
      {list.isSuccess && releases.length === 0 && <Text size="sm" c="dimmed">{t('adminReleases.noReleases')}</Text>}
      {releases.length > 0 && (
        <Table striped fz="sm" aria-label={t('adminReleases.releaseList')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminReleases.version')}</Table.Th>
              <Table.Th>{t('adminReleases.state')}</Table.Th>
              <Table.Th>{t('adminReleases.filesColumn')}</Table.Th>
              <Table.Th>{t('adminReleases.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {releases.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>{r.version}</Text>
                  {r.buildVersion !== r.version && <Text size="xs" c="dimmed">{t('adminReleases.carries', { build: r.buildVersion })}</Text>}
                </Table.Td>
                <Table.Td><Badge color={STATE_COLOR[r.state]} variant="light">{t(`adminReleases.states.${r.state}`)}</Badge></Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  {r.files.map((f) => `${f.name}${f.stored ? '' : ` (${t('adminReleases.missing')})`}`).join(', ')}
                  {r.source === 'url' && <Text size="xs" c="dimmed">{r.baseUrl}</Text>}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="end" gap="sm">
        <Select label={t('adminReleases.rollbackTo')} w={200} value={goodId} onChange={setGoodId}
          data={releases.filter((r) => r.state === 'ready').map((r) => ({ value: r.id, label: r.version }))} />
        <TextInput label={t('adminReleases.rollbackVersion')} description={t('adminReleases.rollbackVersionHint')} w={220}
          value={rollbackVersion} onChange={(e) => setRollbackVersion(e.currentTarget.value)} />
        <Button color="red" variant="light" disabled={!good || rollbackVersion.trim() === ''} onClick={askRollback}>
          {t('adminReleases.rollback')}
        </Button>
      </Group>
      <ConfirmDialog pending={pending} busy={busy} onClose={() => setPending(null)} onConfirm={() => void confirm()} />
    </Stack>
  );
}
