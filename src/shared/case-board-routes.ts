// HTTP routes of case SLA targets, assignment and the lead's case board (spread into ROUTES
// in routes.ts). Who may assign which case, and which cases a lead sees (the teams they
// lead), is decided in the handlers (src/server/cases/). The SLA matrix is admin-only and
// audited by the registrar (settings.manage).
import { z } from 'zod';
import {
  CaseAssignAnswer, CaseAssignBody, CaseBoardOptions, CaseBoardPage, CaseBoardQuery, CaseSlaAnswer, CaseSlaMatrix, TeamQueueAnswer,
  TestClockAnswer, TestClockBody,
} from './case-sla.js';

export const caseBoardRoutes = {
  'caseSla.read': { method: 'GET', path: '/admin/case-sla', access: 'settings.manage', answer: CaseSlaAnswer },
  'caseSla.save': { method: 'PUT', path: '/admin/case-sla', access: 'settings.manage', body: CaseSlaMatrix, answer: CaseSlaAnswer },
  'cases.assign': {
    method: 'POST', path: '/cases/:id/assign', access: 'cases.write', params: z.object({ id: z.uuid() }), body: CaseAssignBody,
    answer: CaseAssignAnswer,
  },
  'cases.teamQueue': { method: 'GET', path: '/cases/team-queue', access: 'cases.write', answer: TeamQueueAnswer },
  'cases.board': { method: 'GET', path: '/lead/cases', access: 'cases.manageAny', query: CaseBoardQuery, answer: CaseBoardPage },
  'cases.boardOptions': { method: 'GET', path: '/lead/cases/options', access: 'cases.manageAny', answer: CaseBoardOptions },
  /** Mounted only when the server runs with SAPA_TEST_CLOCK=1 (test servers); admins only. */
  'testClock.advance': { method: 'POST', path: '/test/clock', access: 'settings.manage', body: TestClockBody, answer: TestClockAnswer },
} as const;
