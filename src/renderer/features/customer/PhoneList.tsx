import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CustomerPhone } from '../../../shared/domain.js';
import { formatPhone } from '../../../shared/phone.js';
import { dialNumber, type DialOutcome } from './dial.js';

export function PhoneList({ phones }: { phones: CustomerPhone[] }) {
  const { t } = useTranslation();
  const [note, setNote] = useState<{ phone: string; outcome: DialOutcome } | null>(null);
  if (phones.length === 0) return <Text size="sm">{t('customer.none')}</Text>;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {phones.map((phone) => {
          const shown = formatPhone(phone.e164);
          return (
            <Button
              key={phone.e164}
              size="compact-sm"
              variant="light"
              aria-label={t('customer.call', { phone: shown })}
              title={t(`customer.phoneType.${phone.type}`)}
              onClick={async () => setNote({ phone: shown, outcome: await dialNumber(phone.e164) })}
            >
              {shown}
              <Text span size="xs" c="dimmed" ml={6}>
                {t(`customer.phoneType.${phone.type}`)}
              </Text>
            </Button>
          );
        })}
      </Group>
      <Text size="xs" c="dimmed" role="status">
        {note ? t(note.outcome === 'calling' ? 'softphone.callingNumber' : note.outcome === 'copied' ? 'customer.copied' : 'customer.copyFailed', { phone: note.phone }) : ''}
      </Text>
    </Stack>
  );
}
