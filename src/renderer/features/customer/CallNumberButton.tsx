// A phone number on screen as a button that calls it from the softphone ("Call +62 …" /
// "Telepon +62 …"): the profile, the history timeline, the call-backs list. A number that
// is not an agent extension goes out as an INVITE to the number at the agent's SIP domain
// (the proxy routes it to the trunk). Not registered: the number is copied instead
// (dial.ts), and the status line below says which.
import { useState, type ReactNode } from 'react';
import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone.js';
import { dialNumber, type DialOutcome } from './dial.js';

const NOTE_KEY: Record<DialOutcome, string> = {
  calling: 'softphone.callingNumber', copied: 'customer.copied', copy_failed: 'customer.copyFailed', dnc: 'softphone.doNotCall',
};

export function CallNumberButton({ e164, children, title }: { e164: string; children?: ReactNode; title?: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<DialOutcome | null>(null);
  const shown = formatPhone(e164);
  return (
    <>
      <Button size="compact-sm" variant="light" aria-label={t('customer.call', { phone: shown })} title={title} onClick={async () => setOutcome(await dialNumber(e164))}>
        {shown}
        {children}
      </Button>
      {outcome && <Text size="xs" c={outcome === 'dnc' ? 'red' : 'dimmed'} role={outcome === 'dnc' ? 'alert' : 'status'} component="span">{t(NOTE_KEY[outcome], { phone: shown })}</Text>}
    </>
  );
}
