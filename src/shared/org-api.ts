// Desktop API methods of the Organisation and Server settings screens (spread into `methods`
// in api.ts). Core passes each through to its server route (src/main/core/handlers/org.ts);
// nothing of this is cached on the desktop. All are admin.* methods: settings.manage
// (src/main/core/access.ts).
import { z } from 'zod';
import {
  Branch, BranchCode, LeadCandidate, BranchUpdate, DispositionCode, DispositionRow, DispositionUpdate, OrgCode, OrgListQuery, Queue, QueueUpdate,
  Schedule, Site, SiteUpdate, Skill, SkillUpdate, Team, TeamInput, pageOf,
} from './org.js';
import { SlaSettings } from './replies/sla.js';
import { ServerSettingsAnswer, ServerSettingsUpdate } from './server-settings.js';

const Ok = z.object({ ok: z.literal(true) });

export const orgMethods = {
  'admin.org.sites.list': { input: OrgListQuery, output: pageOf(Site) },
  'admin.org.sites.create': { input: Site.strict(), output: Site },
  'admin.org.sites.update': { input: z.object({ id: OrgCode, row: SiteUpdate }).strict(), output: Site },
  'admin.org.sites.delete': { input: z.object({ id: OrgCode }).strict(), output: Ok },
  'admin.org.branches.list': { input: OrgListQuery, output: pageOf(Branch) },
  'admin.org.branches.create': { input: Branch.strict(), output: Branch },
  'admin.org.branches.update': { input: z.object({ id: BranchCode, row: BranchUpdate }).strict(), output: Branch },
  'admin.org.branches.delete': { input: z.object({ id: BranchCode }).strict(), output: Ok },
  'admin.org.teams.leads': { input: z.object({}).strict(), output: z.object({ leads: z.array(LeadCandidate) }) },
  'admin.org.teams.list': { input: OrgListQuery, output: pageOf(Team) },
  'admin.org.teams.create': { input: TeamInput, output: Team },
  'admin.org.teams.update': { input: z.object({ id: z.uuid(), row: TeamInput }).strict(), output: Team },
  'admin.org.teams.delete': { input: z.object({ id: z.uuid() }).strict(), output: Ok },
  'admin.org.queues.list': { input: OrgListQuery, output: pageOf(Queue) },
  'admin.org.queues.create': { input: Queue.strict(), output: Queue },
  'admin.org.queues.update': { input: z.object({ id: OrgCode, row: QueueUpdate }).strict(), output: Queue },
  'admin.org.queues.delete': { input: z.object({ id: OrgCode }).strict(), output: Ok },
  'admin.org.skills.list': { input: OrgListQuery, output: pageOf(Skill) },
  'admin.org.skills.create': { input: Skill.strict(), output: Skill },
  'admin.org.skills.update': { input: z.object({ id: OrgCode, row: SkillUpdate }).strict(), output: Skill },
  'admin.org.skills.delete': { input: z.object({ id: OrgCode }).strict(), output: Ok },
  'admin.org.dispositions.list': { input: OrgListQuery, output: pageOf(DispositionRow) },
  'admin.org.dispositions.create': { input: DispositionRow.strict(), output: DispositionRow },
  'admin.org.dispositions.update': { input: z.object({ id: DispositionCode, row: DispositionUpdate }).strict(), output: DispositionRow },
  'admin.org.dispositions.delete': { input: z.object({ id: DispositionCode }).strict(), output: Ok },
  /** Working hours, holidays and the SLA target (the server's /admin/sla). */
  'admin.org.sla.get': { input: z.object({}).strict(), output: SlaSettings },
  'admin.org.sla.save': { input: SlaSettings, output: SlaSettings },
  /** The hotline schedule: which site takes inbound calls when (replaced as a whole). */
  'admin.org.schedule.get': { input: z.object({}).strict(), output: Schedule },
  'admin.org.schedule.save': { input: Schedule, output: Schedule },
  'admin.settings.get': { input: z.object({}).strict(), output: ServerSettingsAnswer },
  'admin.settings.save': { input: ServerSettingsUpdate, output: ServerSettingsAnswer },
} as const;

export type OrgKind = 'sites' | 'branches' | 'teams' | 'queues' | 'skills' | 'dispositions';
