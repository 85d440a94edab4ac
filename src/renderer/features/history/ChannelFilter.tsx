// Toggle buttons, one per channel. None pressed = every channel; pressing some narrows the
// timeline to those (the common filter-chip behaviour agents know from mail clients).
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../shared/domain.js';
import { CHANNEL_ICON } from './channel-icon.js';
import { useHistoryChoices, useHistoryStore } from './store.js';

export function ChannelFilter({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { channels } = useHistoryChoices(customerId);
  const toggleChannel = useHistoryStore((s) => s.toggleChannel);
  return (
    <Group role="group" aria-label={t('history.filter')} gap={6}>
      {CHANNELS.map((channel) => {
        const pressed = channels.includes(channel);
        return (
          <Button
            key={channel}
            size="compact-xs"
            radius="xl"
            variant={pressed ? 'filled' : 'default'}
            aria-pressed={pressed}
            onClick={() => toggleChannel(customerId, channel)}
            leftSection={<span aria-hidden="true">{CHANNEL_ICON[channel]}</span>}
          >
            {t(`history.channels.${channel}`)}
          </Button>
        );
      })}
    </Group>
  );
}
