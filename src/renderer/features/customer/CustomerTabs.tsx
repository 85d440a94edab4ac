// Mantine Tabs give the ARIA tabs pattern (arrow keys between tabs, Tab into the panel).
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Customer360 } from '../../../shared/domain.js';
import { HistoryTimeline } from '../history/HistoryTimeline.js';
import { CasesPanel } from '../cases/CasesPanel.js';
import { OrdersPanel } from '../orders/OrdersPanel.js';
import { ProductsPanel } from '../portfolio/ProductsPanel.js';
import { ContractsTable, ReceivablesTable } from './WorkTables.js';
import { CobrowsePanel } from '../cobrowse/CobrowsePanel.js';

const TAB_STYLES = {
  list: { flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'thin' },
  tab: { flexShrink: 0, paddingInline: 7 },
} as const;

export function CustomerTabs({ data }: { data: Customer360 }) {
  const { t } = useTranslation();
  return (
    // keepMounted=false: hidden panels do not render, so the history stays the only big list.
    // One row of tabs at 1366 px in both languages: tight padding, no wrapping; a narrower
    // window scrolls the row sideways rather than stacking a second row over the panel.
    <Tabs defaultValue="history" keepMounted={false} styles={TAB_STYLES}>
      <Tabs.List aria-label={t('tabs.label')} data-scroll-container>
        <Tabs.Tab value="history">{t('tabs.history')}</Tabs.Tab>
        <Tabs.Tab value="cases">{t('tabs.cases')}</Tabs.Tab>
        <Tabs.Tab value="orders">{t('tabs.orders')}</Tabs.Tab>
        <Tabs.Tab value="receivables">{t('tabs.receivables')}</Tabs.Tab>
        <Tabs.Tab value="contracts">{t('tabs.contracts')}</Tabs.Tab>
        <Tabs.Tab value="cobrowse">{t('tabs.cobrowse')}</Tabs.Tab>
        <Tabs.Tab value="products">{t('tabs.products')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="history" pt="sm">
        <HistoryTimeline customerId={data.customer.id} interactionsTotal={data.interactionsTotal} />
      </Tabs.Panel>
      <Tabs.Panel value="cases" pt="sm">
        <CasesPanel data={data} />
      </Tabs.Panel>
      <Tabs.Panel value="orders" pt="sm">
        <OrdersPanel orders={data.orders} />
      </Tabs.Panel>
      <Tabs.Panel value="receivables" pt="sm">
        <ReceivablesTable receivables={data.receivables} />
      </Tabs.Panel>
      <Tabs.Panel value="contracts" pt="sm">
        <ContractsTable contracts={data.contracts} />
      </Tabs.Panel>
      {/* Kept mounted: a sharing keeps running (and its view keeps up) while the agent looks at another tab. */}
      <Tabs.Panel value="cobrowse" pt="sm" keepMounted>
        <CobrowsePanel key={data.customer.id} customerId={data.customer.id} />
      </Tabs.Panel>
      <Tabs.Panel value="products" pt="sm">
        <ProductsPanel customerId={data.customer.id} />
      </Tabs.Panel>
    </Tabs>
  );
}
