// Hash routes (file:// in Electron has no server to answer deep paths).
import { useSyncExternalStore } from 'react';

export type Route = 'home' | 'admin-import' | 'library' | 'inbox';

export const ROUTE_HASH: Record<Route, string> = { home: '#/', 'admin-import': '#/admin/import', library: '#/library', inbox: '#/inbox' };

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/\/+$/, '');
  if (path === '#/library') return 'library';
  if (path === '#/inbox') return 'inbox';
  return path === '#/admin/import' ? 'admin-import' : 'home';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
