// The offer out to this agent: who and why (priority reasons), how long they waited, and
// the seconds left to accept. An e-mail or a call-back is accepted here; a call rings on
// the softphone as always (answering it is accepting), so its offer only says who and why.
// Never takes the keyboard focus: the agent may be typing to another customer.
import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type TaskOffer } from '../../../shared/contact-center.js';
import { formatPhone } from '../../../shared/phone.js';
import { formatDuration } from '../../i18n/format.js';
import { useContactCenterStore } from './store.js';
import { openTaskWork } from './task-work.js';
import { secondsUntil, useNow } from './useNow.js';

function OfferFacts({ offer }: { offer: TaskOffer }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>{offer.kind === 'email' || offer.from.includes('@') ? offer.from : formatPhone(offer.from)}</Text>
      {offer.subject && <Text size="sm" lineClamp={2}>{offer.subject}</Text>}
      <Group gap={4}>
        {offer.vvip && <Badge size="xs" color="red">{t('contactCenter.vvip')}</Badge>}
        {offer.tier && <Badge size="xs" variant="light">{t(`tier.${offer.tier}`)}</Badge>}
        {offer.reasons.filter((r) => r.factor !== 'waited' && r.factor !== 'vvip' && r.factor !== 'tier' && r.points > 0).map((r) => (
          <Badge key={r.factor} size="xs" variant="outline">{t(`contactCenter.reason.${r.factor}`)}</Badge>
        ))}
        <Text size="xs" c="dimmed">{t('contactCenter.waited', { time: formatDuration(offer.waitedSec) })} · {offer.queueCode}</Text>
      </Group>
      {offer.needsIdentityCheck && <Text size="xs" c="orange">{t('contactCenter.identityCheck')}</Text>}
    </Stack>
  );
}

export function OfferPanel() {
  const { t } = useTranslation();
  const offer = useContactCenterStore((s) => s.offer);
  const ended = useContactCenterStore((s) => s.offerEnded);
  const error = useContactCenterStore((s) => s.error);
  const busy = useContactCenterStore((s) => s.busy);
  const { accept, reject, clearError } = useContactCenterStore.getState();
  const now = useNow(500);

  if (!offer) {
    if (!ended && !error) return null;
    return (
      <Alert role="status" color="orange" withCloseButton closeButtonLabel={t('contactCenter.dismiss')} onClose={clearError} className="sapa-offer">
        {error ? t(`contactCenter.offerError.${error === 'CONFLICT' || error === 'NOT_FOUND' ? error : 'other'}`) : t(`contactCenter.offerEnded.${ended ?? 'lapsed'}`)}
      </Alert>
    );
  }
  const left = secondsUntil(offer.expiresAt, now);
  const title = t(`contactCenter.offerTitle.${offer.kind}`);
  return (
    <Paper component="section" aria-label={title} withBorder shadow="md" p="sm" className="sapa-offer">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text fw={700}>{title}</Text>
          <OfferFacts offer={offer} />
        </Stack>
        <Stack gap={4} align="flex-end">
          <Text size="sm" role="timer" aria-label={t('contactCenter.timeLeft')}>{t('contactCenter.acceptWithin', { time: formatDuration(left) })}</Text>
          {offer.kind === 'call' ? (
            <Text size="xs" c="dimmed">{t('contactCenter.callRings')}</Text>
          ) : (
            <Group gap={6} wrap="nowrap">
              <Button size="xs" loading={busy} onClick={() => void accept().then((task) => { if (task) openTaskWork(task); })}>
                {t('contactCenter.accept')}
              </Button>
              <Button size="xs" variant="default" disabled={busy} onClick={() => void reject()}>{t('contactCenter.reject')}</Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
