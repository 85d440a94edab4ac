// "Sender not verified" on an inbound e-mail whose sender's domain did not vouch for it
// (SPF/DKIM/DMARC, checked by the server's SMTP ingress). Shown wherever a waiting e-mail
// is listed, so an agent does not act on a forged "customer" mail (change of account,
// payment instructions) at face value. The accessible name says why; the hover shows the
// check results as the server recorded them.
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type InboundMessage } from '../../../shared/replies/messages.js';

export function UnverifiedSender({ message }: { message: Pick<InboundMessage, 'authVerdict' | 'authSummary'> }) {
  const { t } = useTranslation();
  if (message.authVerdict === 'pass') return null;
  const why = message.authVerdict === 'fail' ? t('inbox.unverifiedFail') : t('inbox.unverifiedNone');
  return (
    <Tooltip label={message.authSummary ? `${why} (${message.authSummary})` : why} multiline w={320}>
      <Badge ml={4} size="xs" color={message.authVerdict === 'fail' ? 'red' : 'gray'} variant="light"
        role="note" aria-label={`${t('inbox.unverified')}: ${why}`}>
        {t('inbox.unverified')}
      </Badge>
    </Tooltip>
  );
}
