// Hash routes (file:// in Electron has no server to answer deep paths).
import { useSyncExternalStore } from 'react';

export type Route = 'home' | 'admin-import' | 'library';

export const ROUTE_HASH: Record<Route, string> = { home: '#/', 'admin-import': '#/admin/import', library: '#/library' };

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/\/+$/, '');
  if (path === '#/library') return 'library';
  return path === '#/admin/import' ? 'admin-import' : 'home';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
