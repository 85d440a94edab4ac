// Paths of the central server's HTTP API that core calls (see src/shared/http.ts).
import { API_PREFIX } from '../../../shared/http.js';

export const serverPaths = {
  login: `${API_PREFIX}/auth/login`,
  logout: `${API_PREFIX}/auth/logout`,
  syncPull: `${API_PREFIX}/sync/pull`,
  syncPush: `${API_PREFIX}/sync/push`,
  search: `${API_PREFIX}/customers/search`,
  byPhone: `${API_PREFIX}/customers/by-phone`,
  customer360: (id: string) => `${API_PREFIX}/customers/${encodeURIComponent(id)}/360`,
  history: (id: string) => `${API_PREFIX}/customers/${encodeURIComponent(id)}/interactions`,
  importCustomers: `${API_PREFIX}/admin/imports/customers`,
  importStatus: (id: string) => `${API_PREFIX}/admin/imports/${encodeURIComponent(id)}`,
  importRejects: (id: string) => `${API_PREFIX}/admin/imports/${encodeURIComponent(id)}/rejects.csv`,
  recording: (id: string) => `${API_PREFIX}/recordings/${encodeURIComponent(id)}`,
  recordingAudio: (id: string) => `${API_PREFIX}/recordings/${encodeURIComponent(id)}/audio`,
  agentsStatus: `${API_PREFIX}/agents/status`,
} as const;
