// The Users admin screen's contract (issue 12): the user as an admin sees and edits it,
// the list's filters, the pickers' options and the CSV bulk create. Codes (branch, queue,
// skill) are the text codes of migration 014; the server refuses a code it does not know.
import { z } from 'zod';
import { Role } from './domain.js';
import { Extension } from './softphone.js';

/** The same rule as src/server/auth/create-user.ts USERNAME_PATTERN (lower case, 2–64). */
export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const Username = z.string().trim().regex(USERNAME_RE, 'a username is 2–64 lower-case letters, digits, dots, dashes or underscores');
export const DisplayName = z.string().trim().min(1, 'a display name is needed').max(200);
const Code = z.string().trim().min(1).max(60);

export const SkillLevel = z.object({ code: Code, level: z.number().int().min(1).max(5) }).strict();
export type SkillLevel = z.infer<typeof SkillLevel>;

const noDuplicates = (xs: readonly string[]) => new Set(xs).size === xs.length;

/** What an admin sets on a user (create and edit take the same fields). */
/** The same rule as the column's CHECK (migration 038), and a dot in the domain. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const UserEmail = z.string().trim().max(254, 'an e-mail address is at most 254 characters')
  .regex(EMAIL_PATTERN, 'an e-mail address looks like name@example.co.id');

export const UserFields = z.object({
  displayName: DisplayName,
  role: Role,
  branch: Code.nullable(),
  teamId: z.uuid().nullable(),
  queues: z.array(Code).max(50).refine(noDuplicates, 'a queue is listed twice'),
  skills: z.array(SkillLevel).max(100).refine((s) => noDuplicates(s.map((x) => x.code)), 'a skill is listed twice'),
  /** The SIP extension, or null for none (one is then given at the first softphone start). */
  extension: Extension.nullable(),
  /** Web chats held at once (0 = none; absent: unchanged, 3 for a new user). docs/web-widget.md */
  chatCapacity: z.number().int().min(0).max(10).optional(),
  /** Where scheduled reports are mailed (docs/reports.md); null: none; absent: unchanged. */
  email: UserEmail.nullable().optional(),
}).strict();
export type UserFields = z.infer<typeof UserFields>;

export const CreateUserRequest = UserFields.extend({ username: Username }).strict();
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const AdminUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  branch: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  /** The lead of the user's team (display name), null without a team or lead. */
  teamLead: z.string().nullable(),
  queues: z.array(z.string()),
  skills: z.array(SkillLevel),
  extension: z.string().nullable(),
  chatCapacity: z.number().int(),
  email: z.string().nullable(),
  disabledAt: z.string().nullable(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const USER_PAGE_SIZE_MAX = 100;
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** GET /admin/users: query strings are text (numbers and flags coerced). */
export const UserListQuery = z.object({
  /** Part of the username or display name (case-insensitive). */
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  branch: Code.optional(),
  team: z.uuid().optional(),
  /** true: disabled only; false: active only; absent: both. */
  disabled: Flag.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(USER_PAGE_SIZE_MAX).default(25),
}).strict();
export type UserListQuery = z.input<typeof UserListQuery>;

export const UserPage = z.object({
  users: z.array(AdminUser),
  total: z.number().int().nonnegative(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UserPage = z.infer<typeof UserPage>;

const Labelled = z.object({ code: z.string(), labelId: z.string(), labelEn: z.string() });
/** What the create/edit form picks from (queues and skills: active ones only). */
export const UserOptions = z.object({
  roles: z.array(Role),
  branches: z.array(z.object({ code: z.string(), name: z.string() })),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), branch: z.string().nullable(), lead: z.string().nullable() })),
  queues: z.array(Labelled),
  skills: z.array(Labelled),
});
export type UserOptions = z.infer<typeof UserOptions>;

/** A generated password, shown once (the server keeps only its hash). */
export const UserWithPassword = z.object({ user: AdminUser, password: z.string() });
export type UserWithPassword = z.infer<typeof UserWithPassword>;

export const PasswordReset = z.object({ password: z.string(), revoked: z.number().int().nonnegative() });
export const DisableAnswer = z.object({ user: AdminUser, revoked: z.number().int().nonnegative() });

/** CSV bulk create: the file as text (at most BULK_MAX_BYTES, BULK_MAX_ROWS rows). */
export const BULK_MAX_BYTES = 512 * 1024;
/** Each row's password is hashed with argon2 (~75 ms): 500 rows take under a minute on two cores. */
export const BULK_MAX_ROWS = 500;
export const BULK_COLUMNS = ['username', 'display name', 'role', 'branch', 'team', 'queues', 'skills', 'extension'] as const;
export const BulkCreateRequest = z.object({ csv: z.string().min(1, 'the file is empty').max(BULK_MAX_BYTES, 'the file is over 512 KB') }).strict();
export const BulkReject = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
export type BulkReject = z.infer<typeof BulkReject>;
/**
 * All or nothing: with any reject nothing is written (created 0, passwordsCsv null); fix
 * the file and send it again. Otherwise passwordsCsv holds username,password per row, once.
 */
export const BulkCreateAnswer = z.object({
  created: z.number().int().nonnegative(),
  rejects: z.array(BulkReject),
  passwordsCsv: z.string().nullable(),
});
export type BulkCreateAnswer = z.infer<typeof BulkCreateAnswer>;

