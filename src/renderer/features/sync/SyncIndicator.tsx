// Header badge for core's sync state. role="status" makes changes polite announcements;
// the state is always a word, the colour only repeats it.
import { Badge, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SyncStatus } from '../../../shared/api.js';
import { formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { SyncPanel } from './SyncPanel.js';
import { useSyncStore } from './store.js';

const COLOR: Record<SyncStatus['state'], string> = {
  idle: 'green',
  syncing: 'blue',
  offline: 'gray',
  error: 'red',
  signed_out: 'gray',
};

export function SyncIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useSyncStore((s) => s.status);
  const [panel, setPanel] = useState(false);
  if (!status) return <span role="status" aria-label={t('sync.label')} />;
  const label =
    status.state === 'syncing' && status.progress !== null
      ? t('sync.syncingProgress', { percent: Math.round(status.progress * 100) })
      : t(`sync.${status.state}`);
  return (
    <Group gap="xs" role="status" aria-label={t('sync.label')} title={status.lastError ?? undefined} wrap="nowrap">
      <Badge color={COLOR[status.state]} variant="dot">
        {label}
      </Badge>
      <Text size="xs" c="dimmed">
        {t('sync.cached', { count: status.cachedCustomers, formatted: formatNumber(status.cachedCustomers, language) })}
      </Text>
      <Text size="xs" data-testid="sync-pending">
        {t('sync.pending', { count: status.pending, formatted: formatNumber(status.pending, language) })}
      </Text>
      {status.refused > 0 && (
        <Badge color="red" variant="light">{t('sync.refused', { count: status.refused })}</Badge>
      )}
      {status.conflicts > 0 && (
        <Badge color="orange" variant="light">{t('sync.conflicts', { count: status.conflicts })}</Badge>
      )}
      <Button size="compact-xs" variant="subtle" onClick={() => setPanel(true)}>{t('sync.details')}</Button>
      <SyncPanel opened={panel} onClose={() => setPanel(false)} />
    </Group>
  );
}
