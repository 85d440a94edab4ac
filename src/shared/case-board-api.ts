// Desktop API of case SLA targets, assignment and the lead's case board (spread into
// `methods` in api.ts). Core passes each to its server route (src/main/core/cases/board.ts);
// nothing of it is cached: the board and the team queue need the server.
import { z } from 'zod';
import {
  CaseAssignAnswer, CaseAssignBody, CaseBoardOptions, CaseBoardPage, CaseBoardQuery, CaseSlaAnswer, CaseSlaMatrix, TeamQueueAnswer,
} from './case-sla.js';

export const caseBoardMethods = {
  'cases.board': { input: CaseBoardQuery, output: CaseBoardPage },
  'cases.boardOptions': { input: z.object({}).strict(), output: CaseBoardOptions },
  'cases.assign': { input: z.object({ caseId: z.uuid(), to: CaseAssignBody }).strict(), output: CaseAssignAnswer },
  'cases.teamQueue': { input: z.object({}).strict(), output: TeamQueueAnswer },
  'admin.org.caseSla.get': { input: z.object({}).strict(), output: CaseSlaAnswer },
  'admin.org.caseSla.save': { input: CaseSlaMatrix, output: CaseSlaAnswer },
} as const;
