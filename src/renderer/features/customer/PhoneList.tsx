// The customer's phone numbers, each a click-to-call button (CallNumberButton).
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CustomerPhone } from '../../../shared/domain.js';
import { CallNumberButton } from './CallNumberButton.js';

export function PhoneList({ phones }: { phones: CustomerPhone[] }) {
  const { t } = useTranslation();
  if (phones.length === 0) return <Text size="sm">{t('customer.none')}</Text>;
  return (
    <Group gap="xs">
      {phones.map((phone) => (
        <CallNumberButton key={phone.e164} e164={phone.e164} title={t(`customer.phoneType.${phone.type}`)}>
          <Text span size="xs" c="dimmed" ml={6}>{t(`customer.phoneType.${phone.type}`)}</Text>
        </CallNumberButton>
      ))}
    </Group>
  );
}
