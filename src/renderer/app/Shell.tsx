// The frame of every screen once signed in: header, the role's navigation, the softphone
// and the customer search (always in view, whatever the screen), and the screen itself.
// Opening a customer anywhere (search, inbox, home, a screen pop) shows the customer screen.
import { Outlet, useNavigate } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerStore } from '../features/customer/store.js';
import { SearchPanel } from '../features/search/SearchPanel.js';
import { SoftphonePanel } from '../features/softphone/SoftphonePanel.js';
import { UpdateNotice } from '../features/updates/UpdateNotice.js';
import { OfferPanel } from '../features/contact-center/OfferPanel.js';
import { TaskCard } from '../features/contact-center/TaskCard.js';
import { ChatDock } from '../features/chat/ChatDock.js';
import { useContactCenterEvents } from '../features/contact-center/useContactCenterEvents.js';
import { useUpdateActivity } from '../features/updates/useUpdateActivity.js';
import { Header } from './Header.js';
import { HelpDialog, useHelpHotkey } from './HelpDialog.js';
import { NavRail } from './NavRail.js';

function useShowOpenedCustomer(): void {
  const navigate = useNavigate();
  const openRequest = useCustomerStore((s) => s.openRequest);
  const handled = useRef(openRequest);
  useEffect(() => {
    if (openRequest === handled.current) return;
    handled.current = openRequest;
    const customerId = useCustomerStore.getState().customerId;
    if (customerId) void navigate({ to: '/customer/$customerId', params: { customerId } });
  }, [openRequest, navigate]);
}

export function Shell() {
  const { t } = useTranslation();
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  useHelpHotkey(openHelp);
  useShowOpenedCustomer();
  useUpdateActivity();
  useContactCenterEvents();
  const openCustomer = useCallback((customerId: string) => void useCustomerStore.getState().open(customerId), []);

  return (
    <div className="sapa-shell">
      <a href="#main" className="sapa-skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <Header onHelp={openHelp} />
      <div className="sapa-body">
        <NavRail />
        <aside className="sapa-side" aria-label={t('shell.side')}>
          <SoftphonePanel />
          <TaskCard />
          <ChatDock />
          <SearchPanel onOpen={openCustomer} />
        </aside>
        <main id="main" tabIndex={-1} className="sapa-main">
          <OfferPanel />
          <Outlet />
        </main>
      </div>
      <HelpDialog opened={help} onClose={() => setHelp(false)} />
      <UpdateNotice />
    </div>
  );
}
