// HTTP routes of the lead's interactions browser (spread into ROUTES in routes.ts). Who sees
// which interaction (a lead: the agents of the teams they lead) is decided in the handler.
import { z } from 'zod';
import { InteractionReview, LeadInteractionOptions, LeadInteractionPage, LeadInteractionQuery } from './lead-interactions.js';

export const leadInteractionRoutes = {
  'lead.interactions': {
    method: 'GET', path: '/lead/interactions', access: 'interactions.review', query: LeadInteractionQuery, answer: LeadInteractionPage,
  },
  'lead.interactionOptions': {
    method: 'GET', path: '/lead/interactions/options', access: 'interactions.review', answer: LeadInteractionOptions,
  },
  'lead.interactionReview': {
    method: 'GET', path: '/lead/interactions/:id', access: 'interactions.review', params: z.object({ id: z.uuid() }), answer: InteractionReview,
  },
} as const;
