// The customer screen's Products tab (docs/sales.md, "Portfolio"): what the customer holds,
// and the offers they are eligible for (tier, segment, holdings; an agent sees what customer
// service may sell). "Order" places an order (the existing orders model), which appears in
// the Orders tab and the timeline once the sync brings it back; "Opportunity" opens one on the
// sales pipeline for whoever sells to this customer (src/server/pipeline/offer-port.ts).
// Offline the tab shows the copy last fetched on this desktop, and selling waits for the line.
import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Product, type SellBody } from '../../../shared/sales/portfolio.js';
import { errorText } from '../../i18n/error-text.js';
import { formatDateTime, formatIdr } from '../../i18n/format.js';
import { invalidateMethod, useCoreQuery } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useLanguage } from '../settings/useLanguage.js';

export function ProductsPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const portfolio = useCoreQuery('sales.portfolio.customer', { customerId }, { staleTime: 0 });
  const [sold, setSold] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const name = (p: { nameId: string; nameEn: string }) => (language === 'en' ? p.nameEn : p.nameId);
  const offer = async (p: Product, as: SellBody['as']) => {
    setBusy(`${p.id}:${as}`);
    setError(null);
    setSold(null);
    try {
      const answer = await sapa().call('sales.portfolio.sell', { customerId, sale: { productId: p.id, as } });
      const text = { product: name(p), reference: answer.reference, amount: formatIdr(answer.amountIdr, language) };
      setSold(answer.kind === 'order' ? t('portfolio.sold', text) : t('portfolio.opened', text));
      await Promise.all([invalidateMethod('sales.portfolio.customer'), invalidateMethod('customers.get360'), invalidateMethod('customers.history')]);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };
  if (portfolio.isLoading) return <Text c="dimmed">{t('portfolio.loading')}</Text>;
  if (portfolio.isError) return <Alert color="red" role="alert">{errorText(t, portfolio.error)}</Alert>;
  const { holdings = [], offers = [], offline = false, fetchedAt = null } = portfolio.data ?? {};
  return (
    <Stack gap="sm">
      {offline && fetchedAt && <Alert color="yellow" role="status">{t('portfolio.offline', { when: formatDateTime(fetchedAt, language) })}</Alert>}
      <Title order={3} size="h5">{t('portfolio.holdings')}</Title>
      {holdings.length === 0 ? <Text c="dimmed" size="sm">{t('portfolio.noHoldings')}</Text> : (
        <Table aria-label={t('portfolio.holdings')}>
          <Table.Thead><Table.Tr><Table.Th>{t('portfolio.product')}</Table.Th><Table.Th>{t('portfolio.category')}</Table.Th><Table.Th>{t('portfolio.since')}</Table.Th><Table.Th>{t('portfolio.status')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {holdings.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{name(h)} <Text span size="xs" c="dimmed">{h.code}</Text></Table.Td><Table.Td>{h.category}</Table.Td><Table.Td>{h.since}</Table.Td>
                <Table.Td><Badge variant="light" color={h.status === 'active' ? 'green' : 'gray'}>{t(`portfolio.holdingStatus.${h.status}`)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h5">{t('portfolio.offers')}</Title>
      {sold && <Alert color="green" role="status">{sold}</Alert>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {offers.length === 0 ? <Text c="dimmed" size="sm">{t('portfolio.noOffers')}</Text> : (
        <Table aria-label={t('portfolio.offers')}>
          <Table.Tbody>
            {offers.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{name(p)} <Text span size="xs" c="dimmed">{p.code}</Text></Table.Td>
                <Table.Td>{p.category}</Table.Td>
                <Table.Td>{formatIdr(p.priceIdr, language)}</Table.Td>
                <Table.Td>
                  <Group justify="end">
                    <Button size="compact-sm" loading={busy === `${p.id}:order`} disabled={busy !== null || offline} onClick={() => void offer(p, 'order')}
                      aria-label={t('portfolio.offerNamed', { product: name(p) })}>
                      {t('portfolio.offer')}
                    </Button>
                    <Button size="compact-sm" variant="light" loading={busy === `${p.id}:opportunity`} disabled={busy !== null || offline}
                      onClick={() => void offer(p, 'opportunity')} aria-label={t('portfolio.asOpportunityNamed', { product: name(p) })}>
                      {t('portfolio.asOpportunity')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
