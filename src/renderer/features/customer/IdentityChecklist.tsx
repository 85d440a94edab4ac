// The identity checklist shown instead of a customer's account details while the caller is
// not validated (identity-check.ts): the agent asks and ticks name, date of birth or ID
// number, and address; once all three are ticked the details appear.
import { Alert, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Customer } from '../../../shared/domain.js';
import { displayName } from './display-name.js';
import { checkKey, IDENTITY_ITEMS, useIdentityChecks } from './identity-check.js';

export function IdentityChecklist({ callId, customer, reason }: { callId: string; customer: Customer; reason: 'unknownNumber' | 'notVerified' }) {
  const { t } = useTranslation();
  const ticked = useIdentityChecks((s) => s.ticked[checkKey(callId, customer.id)]);
  const toggle = useIdentityChecks((s) => s.toggle);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">{displayName(customer.salutation, customer.fullName)}</Title>
        <Alert color="yellow" variant="light" role="note" title={t('identity.title')}>
          <Text size="sm">{t(`identity.reason.${reason}`)} {t('identity.hidden')}</Text>
        </Alert>
        <Stack gap={6} role="group" aria-label={t('identity.checklist')}>
          {IDENTITY_ITEMS.map((item) => (
            <Checkbox
              key={item}
              label={t(`identity.items.${item}`)}
              checked={ticked?.includes(item) ?? false}
              onChange={(e) => toggle(callId, customer.id, item, e.currentTarget.checked)}
            />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
