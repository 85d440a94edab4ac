// The single screen: search on the left, the customer on the right.
import { useCallback } from 'react';
import { useCustomerStore } from '../features/customer/store.js';
import { useHistoryStore } from '../features/history/store.js';
import { SearchPanel } from '../features/search/SearchPanel.js';
import { CustomerView } from '../features/customer/CustomerView.js';
import { SoftphonePanel } from '../features/softphone/SoftphonePanel.js';

export function Workspace() {
  const openCustomer = useCallback((customerId: string) => {
    void useCustomerStore.getState().open(customerId);
    void useHistoryStore.getState().load(customerId);
  }, []);
  return (
    <div className="sapa-workspace">
      <aside className="sapa-sidebar">
        <SoftphonePanel />
        <SearchPanel onOpen={openCustomer} />
      </aside>
      <CustomerView />
    </div>
  );
}
