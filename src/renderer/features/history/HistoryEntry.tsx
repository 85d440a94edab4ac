// One interaction in the timeline. The article itself is focusable (feed pattern); Enter
// or the details button expands it to show the body, as plain text.
import { type KeyboardEvent } from 'react';
import { Badge, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INTERNAL_DISPOSITION } from '../../../shared/cases.js';
import { localCaseEventText } from '../cases/case-event-text.js';
import { type Interaction } from '../../../shared/domain.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { CHANNEL_ICON } from './channel-icon.js';
import { RecordingPlayer } from '../softphone/RecordingPlayer.js';
import { CallNumberButton } from '../customer/CallNumberButton.js';
import { callNumberOf } from './call-number.js';

interface HistoryEntryProps {
  item: Interaction;
  index: number;
  setSize: number;
  expanded: boolean;
  onToggle: () => void;
  onMove: (delta: number) => void;
}

export function HistoryEntry({ item, index, setSize, expanded, onToggle, onMove }: HistoryEntryProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = `history-${item.id}-title`;
  const bodyId = `history-${item.id}-body`;
  // Case events: internal notes (badge above), where a case came from, a notification not sent.
  const dispositionText = (d: string): string | null => {
    if (item.channel === 'case' && d === INTERNAL_DISPOSITION) return null;
    if (item.channel === 'case' && d.startsWith('source:')) return `${t('cases.detail.source')}: ${t(`cases.sources.${d.slice(7)}`, { defaultValue: d.slice(7) })}`;
    if (item.channel === 'case' && d === 'not_notified') return t('cases.detail.kinds.notNotified');
    return `${t('history.disposition')}: ${d}`;
  };

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onToggle();
    } else if (event.key === 'ArrowDown' || event.key === 'PageDown') {
      event.preventDefault();
      onMove(1);
    } else if (event.key === 'ArrowUp' || event.key === 'PageUp') {
      event.preventDefault();
      onMove(-1);
    }
  }

  return (
    <article
      className="sapa-history-entry"
      tabIndex={0}
      aria-labelledby={titleId}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-channel={item.channel}
      onKeyDown={onKeyDown}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" leftSection={<span aria-hidden="true">{CHANNEL_ICON[item.channel]}</span>}>
            {t(`history.channels.${item.channel}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`history.direction.${item.direction}`)}
          </Text>
          {item.channel === 'case' && item.disposition === INTERNAL_DISPOSITION && (
            <Badge size="xs" color="gray" variant="outline">{t('history.internal')}</Badge>
          )}
          <Text size="xs">
            <time dateTime={item.startedAt}>{formatDateTime(item.startedAt, language)}</time>
          </Text>
        </Group>
        <Button
          size="compact-xs"
          variant="subtle"
          aria-expanded={expanded}
          aria-controls={expanded ? bodyId : undefined}
          onClick={onToggle}
          tabIndex={-1}
        >
          {expanded ? t('history.collapse') : t('history.expand')}
        </Button>
      </Group>
      <Text id={titleId} size="sm" fw={600} mt={2} truncate={!expanded}>
        {item.subject ? (item.channel === 'case' ? localCaseEventText(item.subject, t) : item.subject) : t('history.noSubject')}
      </Text>
      <Text size="xs" c="dimmed">
        {[
          `${t('history.agent')}: ${item.agentName ?? t('history.noAgent')}`,
          item.durationSec !== null ? `${t('history.duration')}: ${formatDuration(item.durationSec)}` : null,
          item.disposition ? dispositionText(item.disposition) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {callNumberOf(item) && <Group gap="xs" mt={2}><CallNumberButton e164={callNumberOf(item) ?? ''} /></Group>}
      {item.recordingId && <RecordingPlayer recordingId={item.recordingId} />}
      {expanded && (
        <Text id={bodyId} size="sm" mt="xs" className="sapa-history-body">
          {item.body ?? t('history.noBody')}
        </Text>
      )}
    </article>
  );
}
