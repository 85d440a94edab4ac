// Desktop API of the Users admin screen (spread into `methods` in api.ts). Core passes
// each call to the server's route (src/shared/admin-users-routes.ts); users are never
// cached on a desktop beyond the synced reference rows.
import { z } from 'zod';
import {
  AdminUser, BulkCreateAnswer, BulkCreateRequest, CreateUserRequest, DisableAnswer, PasswordReset, USER_PAGE_SIZE_MAX,
  UserFields, UserOptions, UserPage,
} from './admin-users.js';
import { Role } from './domain.js';

const Id = z.object({ id: z.uuid() }).strict();

export const AdminUserListInput = z.object({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  branch: z.string().trim().min(1).max(60).optional(),
  team: z.uuid().optional(),
  disabled: z.boolean().optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(USER_PAGE_SIZE_MAX).default(25),
}).strict();
export type AdminUserListInput = z.input<typeof AdminUserListInput>;

export const adminUserMethods = {
  'admin.users.list': { input: AdminUserListInput, output: UserPage },
  'admin.users.options': { input: z.object({}).strict(), output: UserOptions },
  'admin.users.create': { input: CreateUserRequest, output: z.object({ user: AdminUser, password: z.string() }) },
  'admin.users.update': { input: z.object({ id: z.uuid(), fields: UserFields }).strict(), output: AdminUser },
  'admin.users.disable': { input: Id, output: DisableAnswer },
  'admin.users.enable': { input: Id, output: AdminUser },
  'admin.users.resetPassword': { input: Id, output: PasswordReset },
  'admin.users.bulkCreate': { input: BulkCreateRequest, output: BulkCreateAnswer },
} as const;
