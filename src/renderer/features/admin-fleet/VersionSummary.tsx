// The count of desktops per app version, as one stacked bar and a chip per version; a chip
// filters the table to that version (pressed again, it clears the filter).
import { Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type FleetVersions } from '../../../shared/fleet.js';

const COLORS = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'indigo'];

interface Props {
  versions: FleetVersions['versions'];
  selected: string | undefined;
  onSelect(version: string | undefined): void;
}

export function VersionSummary({ versions, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const total = versions.reduce((n, v) => n + v.desktops, 0);
  if (total === 0) return null;
  return (
    <Stack gap={6} aria-label={t('adminFleet.versionsTitle')} role="group">
      <Text size="sm" fw={600}>{t('adminFleet.versionsTitle')}</Text>
      <Progress.Root size="md" aria-hidden>
        {versions.map((v, i) => (
          <Tooltip key={v.appVersion} label={`${v.appVersion}: ${v.desktops}`}>
            <Progress.Section value={(v.desktops / total) * 100} color={COLORS[i % COLORS.length]} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap={6} wrap="wrap">
        {versions.map((v, i) => {
          const active = selected === v.appVersion;
          return (
            <Button key={v.appVersion} size="compact-sm" color={COLORS[i % COLORS.length]} variant={active ? 'filled' : 'light'}
              aria-pressed={active}
              aria-label={t('adminFleet.versionChip', { version: v.appVersion, count: v.desktops, online: v.online })}
              onClick={() => onSelect(active ? undefined : v.appVersion)}>
              {v.appVersion} · {v.desktops}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}
