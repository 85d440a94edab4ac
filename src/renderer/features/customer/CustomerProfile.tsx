// The profile card: who the customer is and how much they matter, at a glance.
// Every value is rendered as React text, so markup in imported names shows literally.
import { type ReactNode } from 'react';
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Customer, type Order } from '../../../shared/domain.js';
import { OrderGlance } from '../orders/OrderGlance.js';
import { formatIdr, formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../settings/useLanguage.js';
import { TierBadge, VvipBadge } from './TierBadge.js';
import { PhoneList } from './PhoneList.js';
import { displayName } from './display-name.js';
import { computeTenure, formatTenure } from './tenure.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sapa-fact">
      <dt>
        <Text size="xs" c="dimmed" span>
          {label}
        </Text>
      </dt>
      <dd>
        <Text size="sm" span>
          {children}
        </Text>
      </dd>
    </div>
  );
}

export function CustomerProfile({ customer, complaintsLast90Days, orders = [] }: {
  customer: Customer; complaintsLast90Days: number; orders?: readonly Order[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('customer.none');
  const tenure = computeTenure(customer.customerSince, new Date());
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h3">
            {displayName(customer.salutation, customer.fullName)}
          </Title>
          <Group gap="xs">
            <TierBadge tier={customer.tier} size="lg" />
            {customer.vvip && <VvipBadge size="lg" />}
            <Badge variant="outline" color="gray" size="lg">
              {t(`customer.billing.${customer.billing}`)}
            </Badge>
          </Group>
        </Group>
        <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs" className="sapa-facts">
          <Fact label={t('customer.customerNo')}>{customer.customerNo}</Fact>
          <Fact label={t('customer.lifecycleLabel')}>{t(`customer.lifecycle.${customer.lifecycle}`)}</Fact>
          <Fact label={t('customer.tenure')}>{tenure ? formatTenure(tenure, t) : t('customer.tenureUnknown')}</Fact>
          <Fact label={t('customer.lifetimeValue')}>{formatIdr(customer.lifetimeValueIdr, language)}</Fact>
          <Fact label={t('customer.complaints90')}>{formatNumber(complaintsLast90Days, language)}</Fact>
          <Fact label={t('customer.segment')}>{customer.segment ?? none}</Fact>
          <Fact label={t('customer.language')}>{t(`customer.languages.${customer.language}`)}</Fact>
          <Fact label={t('customer.branch')}>{customer.branch ?? none}</Fact>
          <Fact label={t('customer.address')}>{customer.address ?? none}</Fact>
          <Fact label={t('customer.city')}>{customer.city ?? none}</Fact>
          <Fact label={t('customer.emails')}>{customer.emails.length > 0 ? customer.emails.join(', ') : none}</Fact>
        </SimpleGrid>
        <div>
          <Text size="xs" c="dimmed" id="sapa-phones-label">
            {t('customer.phones')}
          </Text>
          <PhoneList phones={customer.phones} />
        </div>
        <OrderGlance orders={orders} />
      </Stack>
    </Paper>
  );
}
