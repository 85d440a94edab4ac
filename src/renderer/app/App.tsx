import { useEffect } from 'react';
import { Center, Loader, MantineProvider } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../features/auth/store.js';
import { useCustomerStore } from '../features/customer/store.js';
import { useHistoryStore } from '../features/history/store.js';
import { LoginScreen } from '../features/auth/LoginScreen.js';
import { ImportPage } from '../features/admin-import/ImportPage.js';
import { Header } from './Header.js';
import { Workspace } from './Workspace.js';
import { useCoreEvents } from './useCoreEvents.js';
import { InboxPage } from '../features/composer/InboxPage.js';
import { LibraryPage } from '../features/replies/LibraryPage.js';
import { useRoute } from './route.js';
import { theme } from './theme.js';

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Screens />
    </MantineProvider>
  );
}

function Screens() {
  const { t } = useTranslation();
  const status = useAuthStore((s) => s.status);
  const route = useRoute();
  useCoreEvents();

  useEffect(() => {
    void useAuthStore.getState().loadSession();
  }, []);

  // Signing out must not leave the previous agent's customer on screen for the next one.
  useEffect(() => {
    if (status === 'signed_out') {
      useCustomerStore.getState().clear();
      useHistoryStore.getState().clear();
    }
  }, [status]);

  if (status === 'unknown') {
    return (
      <Center mih="100vh" role="status">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (status === 'signed_out') return <LoginScreen />;
  return (
    <>
      <a href="#main" className="sapa-skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {route === 'admin-import' ? <ImportPage /> : route === 'library' ? <LibraryPage /> : route === 'inbox' ? <InboxPage /> : <Workspace />}
      </main>
    </>
  );
}
