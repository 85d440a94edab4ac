// Registration state, always visible: registered / connecting / failed, with the reason.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSoftphoneStore, type RegistrationReason } from './store.js';

const COLOR = { off: 'gray', connecting: 'yellow', registered: 'green', failed: 'red' } as const;

/** The reason in the agent's language, then the technical detail (a SIP status, a socket error). */
function useReasonText(reason: RegistrationReason | null): string | null {
  const { t } = useTranslation();
  if (!reason) return null;
  const text = t(`softphone.registrationReason.${reason.key}`, { attempt: reason.attempt });
  return reason.detail ? `${text}: ${reason.detail}` : text;
}

/** ws://sip-jkt.example:8088/ → sip-jkt.example:8088: which site the phone is on. */
function proxyHost(url: string): string {
  try { return new URL(url).host; } catch { return url; }
}

export function RegistrationBadge() {
  const { t } = useTranslation();
  const registration = useSoftphoneStore((s) => s.registration);
  const reason = useReasonText(useSoftphoneStore((s) => s.reason));
  const extension = useSoftphoneStore((s) => s.extension);
  const proxy = useSoftphoneStore((s) => s.proxyUrl);
  return (
    <Group gap="xs" role="status" aria-live="polite" aria-label={t('softphone.registrationLabel')}>
      <Tooltip label={reason ?? t(`softphone.registration.${registration}`)} disabled={!reason}>
        <Badge color={COLOR[registration]} variant="light" data-registration={registration}>
          {t(`softphone.registration.${registration}`)}
        </Badge>
      </Tooltip>
      {extension && <Text size="xs" c="dimmed">{t('softphone.extension', { extension })}</Text>}
      {proxy && registration === 'registered' && (
        <Text size="xs" c="dimmed" data-testid="registration-proxy">{t('softphone.proxy', { proxy: proxyHost(proxy) })}</Text>
      )}
      {reason && registration !== 'registered' && <Text size="xs" c="dimmed" data-testid="registration-reason">{reason}</Text>}
    </Group>
  );
}
