// HTTP routes of the Users admin screen (spread into ROUTES in routes.ts). All need
// users.manage; every change is audited by the route registrar (src/server/http/route-audit.ts).
import { z } from 'zod';
import {
  AdminUser, BulkCreateAnswer, BulkCreateRequest, CreateUserRequest, DisableAnswer, PasswordReset, UserFields, UserListQuery,
  UserOptions, UserPage, UserWithPassword,
} from './admin-users.js';

const IdParams = z.object({ id: z.uuid() });

export const ADMIN_USER_ROUTES = {
  'adminUsers.list': { method: 'GET', path: '/admin/users', access: 'users.manage', query: UserListQuery, answer: UserPage },
  /** The form's pickers: roles, branches, teams with their lead, active queues and skills. */
  'adminUsers.options': { method: 'GET', path: '/admin/users/options', access: 'users.manage', answer: UserOptions },
  'adminUsers.get': { method: 'GET', path: '/admin/users/:id', access: 'users.manage', params: IdParams, answer: AdminUser },
  /** Creates the user with a generated password, answered once. */
  'adminUsers.create': {
    method: 'POST', path: '/admin/users', access: 'users.manage', body: CreateUserRequest, answer: UserWithPassword, status: 201,
  },
  'adminUsers.update': {
    method: 'PUT', path: '/admin/users/:id', access: 'users.manage', params: IdParams, body: UserFields, answer: AdminUser,
  },
  /** Signs the user out everywhere at once: sessions, live sockets, SIP credentials. */
  'adminUsers.disable': {
    method: 'POST', path: '/admin/users/:id/disable', access: 'users.manage', params: IdParams, answer: DisableAnswer,
  },
  'adminUsers.enable': { method: 'POST', path: '/admin/users/:id/enable', access: 'users.manage', params: IdParams, answer: AdminUser },
  /** A new generated password, answered once; the user's sessions end. */
  'adminUsers.resetPassword': {
    method: 'POST', path: '/admin/users/:id/password-reset', access: 'users.manage', params: IdParams, answer: PasswordReset,
  },
  'adminUsers.bulkCreate': {
    method: 'POST', path: '/admin/users/bulk', access: 'users.manage', body: BulkCreateRequest, answer: BulkCreateAnswer,
  },
} as const;
