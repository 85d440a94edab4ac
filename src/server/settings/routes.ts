// GET/PUT /admin/settings: the server settings in force, their defaults, which an admin set,
// and which secrets the environment holds. PUT changes only the keys it names (null: back
// to the environment); the registrar audits the change, and the entry names the keys.
import { type Db } from '../db/db.js';
import { audit } from '../auth/audit.js';
import { type RegisterRoute } from '../http/route.js';
import { type ServerSettings } from './server-settings.js';

export function registerServerSettingsRoutes(register: RegisterRoute, db: Db, settings: ServerSettings): void {
  register('serverSettings.read', async () => settings.answer());
  register('serverSettings.save', async ({ body, user, request }) => {
    const saved = await settings.save(body, user.id);
    // Which keys changed, for the audit log (values are not secrets, but the keys are what a reader scans for).
    await audit(db, 'server_settings_changed', user.id, null, { keys: Object.keys(body).sort() }, request.ip);
    return saved;
  });
}
