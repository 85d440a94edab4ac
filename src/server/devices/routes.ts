// devices.orderWipe (POST /admin/cache-wipes): an admin orders one desktop, or every
// desktop a user is signed in on, to wipe its cache at its next contact (wipe-orders.ts).
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { orderWipe } from './wipe-orders.js';

export function registerDeviceRoutes(register: RegisterRoute, db: Db): void {
  register('devices.orderWipe', async ({ body, user, request }) => orderWipe(db, user, body, request.ip));
}
