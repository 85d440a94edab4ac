// Desktop API of the lead's interactions browser (spread into `methods` in api.ts). Core
// passes the filters to the server; nothing of it is cached on the desktop.
import { z } from 'zod';
import { InteractionReview, LeadInteractionOptions, LeadInteractionPage, LeadInteractionQuery } from './lead-interactions.js';

export const leadInteractionMethods = {
  'lead.interactions.list': { input: LeadInteractionQuery, output: LeadInteractionPage },
  'lead.interactions.options': { input: z.object({}).strict(), output: LeadInteractionOptions },
  'lead.interactions.review': { input: z.object({ id: z.uuid() }).strict(), output: InteractionReview },
} as const;
