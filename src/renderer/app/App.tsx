import { useEffect, useRef } from 'react';
import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../features/auth/store.js';
import { useCustomerStore } from '../features/customer/store.js';
import { useHistoryStore } from '../features/history/store.js';
import { LoginScreen } from '../features/auth/LoginScreen.js';
import { ConnectScreen } from '../features/server-setup/ConnectScreen.js';
import { useServerSetupStore } from '../features/server-setup/store.js';
import { onDataChanged, queryClient } from '../platform/query-client.js';
import { useCoreEvents } from './useCoreEvents.js';
import { router } from './router.js';
import { theme } from './theme.js';

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <Screens />
      </QueryClientProvider>
    </MantineProvider>
  );
}

function Screens() {
  const { t } = useTranslation();
  const status = useAuthStore((s) => s.status);
  const server = useServerSetupStore((s) => s.status);
  const serverLoadFailed = useServerSetupStore((s) => s.loadFailed);
  useCoreEvents();
  // A pull changed cached rows: whatever is on screen is read again.
  useEffect(() => onDataChanged(), []);

  useEffect(() => {
    void useServerSetupStore.getState().load();
    void useAuthStore.getState().loadSession();
  }, []);

  // Signing out must not leave the previous agent's customer (or any answer read with their
  // session) on screen for the next one, nor their screen: the next one starts at home.
  const previous = useRef(status);
  useEffect(() => {
    if (status === 'signed_out') {
      useCustomerStore.getState().clear();
      useHistoryStore.getState().clear();
      queryClient.clear();
      if (previous.current === 'signed_in') void router.navigate({ to: '/' });
    }
    previous.current = status;
  }, [status]);

  if (status === 'unknown' || (server === null && !serverLoadFailed)) {
    return (
      <Center mih="100vh" role="status">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  // No server set yet (first start), or IT's policy file is broken: nothing to sign in to.
  if (server && server.serverUrls.length === 0) return <ConnectScreen />;
  if (status === 'signed_out') return <LoginScreen />;
  return <RouterProvider router={router} />;
}
