// Who may call what. The server checks again; core checks so the renderer gets a clear
// answer offline and so a compromised renderer cannot read the cache without a session.
import { type MethodName } from '../../shared/api.js';
import { type Role } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';

export type Access = 'public' | 'session' | 'admin';

export function accessOf(method: MethodName): Access {
  if (method === 'app.info' || method.startsWith('settings.') || method.startsWith('auth.')) return 'public';
  if (method.startsWith('admin.')) return 'admin';
  return 'session';
}

/** Throws UNAUTHENTICATED / FORBIDDEN when `role` (null = signed out) may not call `method`. */
export function checkAccess(method: MethodName, role: Role | null): void {
  const access = accessOf(method);
  if (access === 'public') return;
  if (role === null) throw new SapaError('UNAUTHENTICATED', `Sign in to use ${method}`);
  if (access === 'admin' && role !== 'admin') throw new SapaError('FORBIDDEN', `${method} needs the admin role`);
}
