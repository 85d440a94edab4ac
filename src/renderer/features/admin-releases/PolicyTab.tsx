// The mandatory minimum version (with its grace period) and a site's update mirror.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { releaseError } from './release-error.js';
import { sapa } from '../../platform/sapa.js';

export function PolicyTab() {
  const { t } = useTranslation();
  const policy = useQuery({ queryKey: ['admin.releases.policy'], queryFn: () => sapa().call('admin.releases.policy', {}), staleTime: 0 });
  const [minimum, setMinimum] = useState('');
  const [grace, setGrace] = useState(72);
  const [site, setSite] = useState('');
  const [mirror, setMirror] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (policy.data) {
      setMinimum(policy.data.minimumVersion ?? '');
      setGrace(policy.data.graceHours);
    }
  }, [policy.data]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      setMessage({ ok: true, text: t('adminReleases.done') });
    } catch (error) {
      setMessage({ ok: false, text: releaseError(t, error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" maw={720}>
      {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} variant="light">{message.text}</Alert>}
      {policy.error && <Alert color="red" role="alert" variant="light">{releaseError(t, policy.error)}</Alert>}
      <Paper withBorder p="sm">
        <form aria-label={t('adminReleases.mandatory')} onSubmit={(e) => {
          e.preventDefault();
          void run(() => sapa().call('admin.releases.setPolicy', { minimumVersion: minimum.trim() || null, graceHours: grace }));
        }}>
          <Stack gap="xs">
            <Title order={3} size="h5">{t('adminReleases.mandatory')}</Title>
            <Text size="xs" c="dimmed">{t('adminReleases.mandatoryHint')}</Text>
            <Group align="end" gap="sm">
              <TextInput label={t('adminReleases.minimumVersion')} placeholder="1.4.2" w={160} value={minimum}
                onChange={(e) => setMinimum(e.currentTarget.value)} />
              <NumberInput label={t('adminReleases.graceHours')} w={140} min={0} max={2160} value={grace}
                onChange={(v) => setGrace(Number(v) || 0)} />
              <Button type="submit" loading={busy}>{t('adminReleases.savePolicy')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="sm">
        <form aria-label={t('adminReleases.mirror')} onSubmit={(e) => {
          e.preventDefault();
          void run(() => sapa().call('admin.releases.setMirror', { siteCode: site.trim(), url: mirror.trim() || null }));
        }}>
          <Stack gap="xs">
            <Title order={3} size="h5">{t('adminReleases.mirror')}</Title>
            <Text size="xs" c="dimmed">{t('adminReleases.mirrorHint')}</Text>
            <Group align="end" gap="sm">
              <TextInput label={t('adminReleases.siteCode')} w={140} required value={site} onChange={(e) => setSite(e.currentTarget.value)} />
              <TextInput label={t('adminReleases.mirrorUrl')} placeholder="http://sapa-mirror.ygy.local/sapa" w={320} value={mirror}
                onChange={(e) => setMirror(e.currentTarget.value)} />
              <Button type="submit" loading={busy}>{t('adminReleases.saveMirror')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
