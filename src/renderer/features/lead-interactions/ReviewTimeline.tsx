// The review's timeline: what the server stores of the call, in order; positions in the
// recording (pauses) are shown as m:ss. Says what the desktop does not record yet.
import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language } from '../../../shared/domain.js';
import { type TimelineEvent } from '../../../shared/lead-interactions.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';

export function ReviewTimeline({ events, language }: { events: TimelineEvent[]; language: Language }) {
  const { t } = useTranslation();
  return (
    <>
      <List size="sm" spacing={2} aria-label={t('leadInteractions.review.timeline')}>
        {events.map((e, i) => (
          <List.Item key={`${e.kind}-${i}`}>
            <Text span size="sm" fw={500}>{t(`leadInteractions.review.events.${e.kind}`)}</Text>
            {e.at && <Text span size="sm"> · <time dateTime={e.at}>{formatDateTime(e.at, language)}</time></Text>}
            {e.atMs !== null && <Text span size="sm"> · {t('leadInteractions.review.atPosition', { position: formatDuration(e.atMs / 1000) })}</Text>}
            {e.detail && <Text span size="xs" c="dimmed"> · {e.detail}</Text>}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={4}>{t('leadInteractions.review.timelineMissing')}</Text>
    </>
  );
}
