// One interaction under review: what it was (channel, agent, team, customer, disposition),
// the streamed player with a seek bar and speed (a recovered recording marked), the call's
// timing and timeline, the customer's profile, and the text of an e-mail or chat.
import { Alert, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';
import { CalibrationStart } from '../quality/CalibrationPanel.js';
import { ScorePanel } from '../quality/ScorePanel.js';
import { RecoveredBadge } from './InteractionsTable.js';
import { ReviewPlayer } from './ReviewPlayer.js';
import { ReviewTimeline } from './ReviewTimeline.js';

export function InteractionReviewView({ id, onBack, dispositionLabel }: { id: string; onBack(): void; dispositionLabel(code: string): string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const position = useRef(0);
  const positionMs = useCallback(() => position.current, []);
  const review = useQuery({ queryKey: ['lead.interactions.review', id], queryFn: () => sapa().call('lead.interactions.review', { id }), staleTime: 0 });
  const back = <Button size="xs" variant="default" onClick={onBack}>{t('leadInteractions.review.back')}</Button>;
  if (review.isPending) return <Stack p="md">{back}<Group gap="xs"><Loader size="sm" /><Text size="sm">{t('leadInteractions.review.loading')}</Text></Group></Stack>;
  if (review.error) return <Stack p="md">{back}<Alert color="red" role="alert">{errorText(t, review.error)}</Alert></Stack>;
  const { interaction: i, recording, call, timeline, customer } = review.data;
  const subject = i.subject ?? t('leadInteractions.noSubject');
  const written = i.channel === 'email' || i.channel === 'chat';
  return (
    <Stack gap="xs" p="md" component="section" aria-label={t('leadInteractions.review.title', { subject })}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} size="h4">{t('leadInteractions.review.title', { subject })}</Title>
        {back}
      </Group>
      <Text size="sm">
        {[t(`history.channels.${i.channel}`, { defaultValue: i.channel }), t(`history.direction.${i.direction}`), formatDateTime(i.startedAt, language),
          i.agentName, i.teamName, i.disposition === null ? null : dispositionLabel(i.disposition),
          i.durationSec === null ? null : formatDuration(i.durationSec), i.hasEvaluation ? t('leadInteractions.evaluationFilter.evaluated') : t('leadInteractions.review.notEvaluated')].filter(Boolean).join(' · ')}
      </Text>
      <Grid gutter="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xs">
            {!written && (
              <Paper withBorder p="xs">
                <Group gap="xs" mb={4}><Title order={3} size="h6">{t('leadInteractions.review.recording')}</Title>{recording?.recovered && <RecoveredBadge />}</Group>
                {recording === null && <Text size="sm" c="dimmed">{t('leadInteractions.review.noRecording')}</Text>}
                {recording && !recording.complete && <Text size="sm" c="dimmed">{t('leadInteractions.review.incomplete')}</Text>}
                {recording?.complete && <ReviewPlayer recordingId={recording.id} durationMs={recording.durationMs} positionRef={position} />}
              </Paper>
            )}
            {written && (
              <Paper withBorder p="xs">
                <Title order={3} size="h6" mb={4}>{t('leadInteractions.review.text')}</Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mah={260} className="sapa-review-text">{i.body ?? t('leadInteractions.review.noText')}</Text>
              </Paper>
            )}
            <ScorePanel interactionId={i.id} language={language} positionMs={recording?.complete ? positionMs : null} />
            <CalibrationStart interactionId={i.id} language={language} />
            <Paper withBorder p="xs">
              <Title order={3} size="h6" mb={4}>{t('leadInteractions.review.timeline')}</Title>
              {call && (
                <Text size="xs" mb={4}>
                  {`${t('leadInteractions.review.number')}: ${call.number} · ${t('leadInteractions.review.talk')}: ${formatDuration(call.talkSec)} · `
                    + `${t('leadInteractions.review.hold')}: ${formatDuration(call.holdSec)} · ${t('leadInteractions.review.acw')}: ${formatDuration(call.acwSec)}`}
                </Text>
              )}
              <ReviewTimeline events={timeline} startedAt={i.startedAt} language={language} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="xs" component="section" aria-label={t('leadInteractions.review.customer')}>
            <Title order={3} size="h6">{t('leadInteractions.review.customer')}</Title>
            <Text size="xs" c="dimmed" mb={4}>{t('leadInteractions.review.customerNow')}</Text>
            <Text size="sm" fw={600}>{customer.salutation ? `${customer.salutation} ` : ''}{customer.fullName}</Text>
            <Text size="xs">{customer.customerNo} · {t(`tier.${customer.tier}`)}{customer.vvip ? ' · VVIP' : ''}</Text>
            {customer.city && <Text size="xs">{customer.city}{customer.branch ? ` · ${customer.branch}` : ''}</Text>}
            {customer.phones.map((p) => <Text key={p.e164} size="xs" ff="monospace">{p.e164}</Text>)}
            {customer.emails.map((e) => <Text key={e} size="xs">{e}</Text>)}
            <Button component="a" href={`#/customer/${customer.id}`} size="compact-xs" variant="subtle" mt={4}>{t('app.customerScreen')}</Button>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
