// Renewals due (contracts.renewals): the agent's active contracts ending in the next 60 days,
// nearest end first, with product, value and the days left; a lead's list holds their teams'.
// The list lives on the server (the contracts feed), so offline this section says so.
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RENEWAL_DEFAULT_DAYS } from '../../../shared/orders.js';
import { formatDate, formatIdr } from '../../i18n/format.js';
import { errorCodeOf } from '../../platform/errors.js';
import { useCoreQuery } from '../../platform/query-client.js';
import { useLanguage } from '../settings/useLanguage.js';
import { HomeSection } from './HomeSection.js';
import { OpenCustomerButton } from './OpenCustomerButton.js';

export function RenewalsDue() {
  const { t } = useTranslation();
  const language = useLanguage();
  const list = useCoreQuery('contracts.renewals', {});
  const rows = list.data?.renewals ?? [];
  return (
    <HomeSection title={t('renewals.title')} {...(list.data ? { count: rows.length } : {})}>
      {list.error && (
        <Text size="sm" c="dimmed" role="status">
          {errorCodeOf(list.error) === 'OFFLINE' ? t('renewals.offline') : t('home.error')}
        </Text>
      )}
      {list.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">{t('renewals.empty', { days: list.data.days ?? RENEWAL_DEFAULT_DAYS })}</Text>
      )}
      {rows.length > 0 && (
        <ul aria-label={t('renewals.title')} className="sapa-home-list">
          {rows.map((r) => (
            <li key={r.contractId}>
              <Group gap="xs" wrap="wrap">
                <Badge color={r.daysLeft <= 14 ? 'orange' : 'blue'} variant="light" size="sm">
                  {t('renewals.daysLeft', { count: r.daysLeft })}
                </Badge>
                <Text size="sm" fw={600} component="span">{r.contractNo}</Text>
                <OpenCustomerButton customerId={r.customerId} name={r.customerName} salutation={r.salutation} />
              </Group>
              <Text size="xs">
                {r.product} · {t('renewals.ends', { date: formatDate(r.endDate, language) })} · {r.valueIdr !== null
                  ? t('renewals.value', { amount: formatIdr(r.valueIdr, language) })
                  : t('renewals.monthly', { amount: formatIdr(r.monthlyFeeIdr, language) })}
                {r.ownerName ? ` · ${t('renewals.owner', { name: r.ownerName })}` : ''}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </HomeSection>
  );
}
