// HTTP routes of the Organisation and Server settings screens (spread into ROUTES in
// routes.ts). All admin-only (settings.manage) and every change audited by the registrar
// (src/server/http/route-audit.ts) with the row's code (or team id) as the subject. A list
// is searched (q) and paged (limit, offset); a delete that would break a reference is a
// 409 CONFLICT saying what refers to the row (disable it instead).
import { z } from 'zod';
import {
  Branch, BranchParams, LeadCandidate, BranchUpdate, CodeParams, DispositionParams, DispositionRow, DispositionUpdate, OrgListQuery, Queue, QueueUpdate,
  Schedule, Site, SiteUpdate, Skill, SkillUpdate, Team, TeamInput, pageOf,
} from './org.js';
import { ServerSettingsAnswer, ServerSettingsUpdate } from './server-settings.js';

const Ok = z.object({ ok: z.literal(true) });
const TeamParams = z.object({ id: z.uuid() });
const A = 'settings.manage' as const;

export const orgRoutes = {
  'org.sites.list': { method: 'GET', path: '/admin/org/sites', access: A, query: OrgListQuery, answer: pageOf(Site) },
  'org.sites.create': { method: 'POST', path: '/admin/org/sites', access: A, body: Site.strict(), answer: Site, status: 201 },
  'org.sites.update': { method: 'PUT', path: '/admin/org/sites/:id', access: A, params: CodeParams, body: SiteUpdate, answer: Site },
  'org.sites.delete': { method: 'DELETE', path: '/admin/org/sites/:id', access: A, params: CodeParams, answer: Ok },

  /** The schedule: which site takes inbound calls when (replaced as a whole). */
  'org.schedule.read': { method: 'GET', path: '/admin/org/schedule', access: A, answer: Schedule },
  'org.schedule.save': { method: 'PUT', path: '/admin/org/schedule', access: A, body: Schedule, answer: Schedule },

  'org.branches.list': { method: 'GET', path: '/admin/org/branches', access: A, query: OrgListQuery, answer: pageOf(Branch) },
  'org.branches.create': { method: 'POST', path: '/admin/org/branches', access: A, body: Branch.strict(), answer: Branch, status: 201 },
  'org.branches.update': {
    method: 'PUT', path: '/admin/org/branches/:id', access: A, params: BranchParams, body: BranchUpdate, answer: Branch,
  },
  'org.branches.delete': { method: 'DELETE', path: '/admin/org/branches/:id', access: A, params: BranchParams, answer: Ok },

  'org.teams.leads': {
    method: 'GET', path: '/admin/org/team-leads', access: A, answer: z.object({ leads: z.array(LeadCandidate) }),
  },
  'org.teams.list': { method: 'GET', path: '/admin/org/teams', access: A, query: OrgListQuery, answer: pageOf(Team) },
  'org.teams.create': { method: 'POST', path: '/admin/org/teams', access: A, body: TeamInput, answer: Team, status: 201 },
  'org.teams.update': { method: 'PUT', path: '/admin/org/teams/:id', access: A, params: TeamParams, body: TeamInput, answer: Team },
  'org.teams.delete': { method: 'DELETE', path: '/admin/org/teams/:id', access: A, params: TeamParams, answer: Ok },

  'org.queues.list': { method: 'GET', path: '/admin/org/queues', access: A, query: OrgListQuery, answer: pageOf(Queue) },
  'org.queues.create': { method: 'POST', path: '/admin/org/queues', access: A, body: Queue.strict(), answer: Queue, status: 201 },
  'org.queues.update': { method: 'PUT', path: '/admin/org/queues/:id', access: A, params: CodeParams, body: QueueUpdate, answer: Queue },
  'org.queues.delete': { method: 'DELETE', path: '/admin/org/queues/:id', access: A, params: CodeParams, answer: Ok },

  'org.skills.list': { method: 'GET', path: '/admin/org/skills', access: A, query: OrgListQuery, answer: pageOf(Skill) },
  'org.skills.create': { method: 'POST', path: '/admin/org/skills', access: A, body: Skill.strict(), answer: Skill, status: 201 },
  'org.skills.update': { method: 'PUT', path: '/admin/org/skills/:id', access: A, params: CodeParams, body: SkillUpdate, answer: Skill },
  'org.skills.delete': { method: 'DELETE', path: '/admin/org/skills/:id', access: A, params: CodeParams, answer: Ok },

  'org.dispositions.list': { method: 'GET', path: '/admin/org/dispositions', access: A, query: OrgListQuery, answer: pageOf(DispositionRow) },
  'org.dispositions.create': {
    method: 'POST', path: '/admin/org/dispositions', access: A, body: DispositionRow.strict(), answer: DispositionRow, status: 201,
  },
  'org.dispositions.update': {
    method: 'PUT', path: '/admin/org/dispositions/:id', access: A, params: DispositionParams, body: DispositionUpdate, answer: DispositionRow,
  },
  'org.dispositions.delete': { method: 'DELETE', path: '/admin/org/dispositions/:id', access: A, params: DispositionParams, answer: Ok },

  /** Server settings that were environment variables (src/shared/server-settings.ts). */
  'serverSettings.read': { method: 'GET', path: '/admin/settings', access: A, answer: ServerSettingsAnswer },
  'serverSettings.save': { method: 'PUT', path: '/admin/settings', access: A, body: ServerSettingsUpdate, answer: ServerSettingsAnswer },
} as const;
