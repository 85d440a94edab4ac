// Tier as a word with a colour that only repeats it (never colour alone).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Tier } from '../../../shared/domain.js';

const TIER_COLOR: Record<Tier, string> = { platinum: 'violet', gold: 'yellow', silver: 'gray', regular: 'blue' };

export function TierBadge({ tier, size = 'md' }: { tier: Tier; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={TIER_COLOR[tier]} size={size} variant={tier === 'regular' ? 'outline' : 'filled'} data-tier={tier}>
      {t(`tier.${tier}`)}
    </Badge>
  );
}

export function VvipBadge({ size = 'md' }: { size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color="red" size={size} variant="filled">
      {t('customer.vvip')}
    </Badge>
  );
}
