// The Help dialog's "About Sapa": the version running and where its update is.
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type UpdatesStatus } from '../../../shared/updates-api.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { useUpdatesStore } from './store.js';

type Translate = ReturnType<typeof useTranslation>['t'];

/** One line for the update's state, in the agent's language. */
export function updateStateText(status: UpdatesStatus | null, t: Translate): string {
  if (!status || !status.enabled) return t('updates.state.disabled');
  const state = status.state;
  if (!state) return t('updates.state.idle');
  const version = state.version ?? '';
  switch (state.phase) {
    case 'downloading': return t('updates.state.downloading', { version, percent: state.percent ?? 0 });
    case 'failed': return t('updates.state.failed', { version, error: state.error ?? '' });
    case 'deferred': return t('updates.state.deferred', { version, reasons: (state.waitingFor ?? []).map((r) => t(`updates.reason.${r}`)).join(', ') });
    default: return t(`updates.state.${state.phase}`, { version });
  }
}

export function AboutSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useUpdatesStore((s) => s.status);
  const checking = useUpdatesStore((s) => s.checking);
  useEffect(() => {
    void useUpdatesStore.getState().load();
  }, []);
  return (
    <section aria-label={t('updates.about.title')}>
      <Title order={3} size="h5" mb={4}>{t('updates.about.title')}</Title>
      <Stack gap={4}>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td w="40%">{t('updates.about.version')}</Table.Td>
              <Table.Td data-testid="about-version">{status?.currentVersion ?? '…'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('updates.about.update')}</Table.Td>
              <Table.Td data-testid="about-update-state">{updateStateText(status, t)}</Table.Td>
            </Table.Tr>
            {status?.lastCheckAt && (
              <Table.Tr>
                <Table.Td>{t('updates.about.lastCheck')}</Table.Td>
                <Table.Td>{formatDateTime(status.lastCheckAt, language)}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        {status?.enabled && (
          <Group justify="flex-end">
            <Button size="xs" variant="default" loading={checking} onClick={() => void useUpdatesStore.getState().checkNow()}>
              {t('updates.about.checkNow')}
            </Button>
          </Group>
        )}
        {status?.state?.source && <Text size="xs" c="dimmed">{t('updates.about.source', { source: status.state.source })}</Text>}
      </Stack>
    </section>
  );
}
