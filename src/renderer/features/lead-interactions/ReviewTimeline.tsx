// The review's timeline: what the server stores of the call and what the agent's desktop
// recorded on it (pop, holds, transfers, paragraphs, wrap-up), in order, each at its time
// from the call's start (+m:ss) and on the clock; positions in the recording (pauses) as
// m:ss into the recording. A follow-up is a date ahead, shown on the clock only.
import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language } from '../../../shared/domain.js';
import { type TimelineEvent } from '../../../shared/lead-interactions.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';

/** Seconds from the call's start; events recorded a moment before it (clock steps) show +0:00. */
function sinceStart(at: string, startedAt: string): number {
  return Math.max(0, (Date.parse(at) - Date.parse(startedAt)) / 1000);
}

export function ReviewTimeline({ events, startedAt, language }: { events: TimelineEvent[]; startedAt: string; language: Language }) {
  const { t } = useTranslation();
  return (
    <>
      <List size="sm" spacing={2} aria-label={t('leadInteractions.review.timeline')}>
        {events.map((e, i) => (
          <List.Item key={`${e.kind}-${i}`}>
            <Text span size="sm" fw={500}>{t(`leadInteractions.review.events.${e.kind}`)}</Text>
            {e.at && e.kind !== 'follow_up_set' && (
              <Text span size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}> · {t('leadInteractions.review.sinceStart', { time: formatDuration(sinceStart(e.at, startedAt)) })}</Text>
            )}
            {e.at && <Text span size="xs" c="dimmed"> · <time dateTime={e.at}>{formatDateTime(e.at, language)}</time></Text>}
            {e.atMs !== null && <Text span size="sm"> · {t('leadInteractions.review.atPosition', { position: formatDuration(e.atMs / 1000) })}</Text>}
            {e.detail && <Text span size="xs" c="dimmed"> · {e.detail}</Text>}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={4}>{t('leadInteractions.review.timelineHint')}</Text>
    </>
  );
}
