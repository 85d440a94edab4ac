// /customers/search, /customers/by-phone, /customers/:id/360, /customers/:id/interactions
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { HistoryQuery, SearchQuery } from '../../shared/http.js';
import { authenticate } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { lookupByPhone } from './lookup.js';
import { getCustomer360, getHistory } from './profile.js';
import { searchCustomers } from './search.js';

const IdParams = z.object({ id: z.uuid() });
const PhoneQuery = z.object({ phone: z.string().trim().min(1).max(64) });

export function registerCustomerRoutes(app: FastifyInstance, db: Db): void {
  const preHandler = authenticate(db);
  app.get('/customers/search', { preHandler }, async (request) => {
    const { q, limit } = parseInput(SearchQuery, request.query, 'search query');
    return { results: await searchCustomers(db, q, limit) };
  });
  app.get('/customers/by-phone', { preHandler }, async (request) => {
    const { phone } = parseInput(PhoneQuery, request.query, 'phone lookup');
    return lookupByPhone(db, phone);
  });
  app.get('/customers/:id/360', { preHandler }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'customer id');
    return getCustomer360(db, id);
  });
  app.get('/customers/:id/interactions', { preHandler }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'customer id');
    const query = parseInput(HistoryQuery, request.query, 'history query');
    if ((query.beforeStartedAt === undefined) !== (query.beforeId === undefined)) {
      throw new SapaError('INVALID_INPUT', 'beforeStartedAt and beforeId go together', ['before: give both or neither']);
    }
    return getHistory(db, id, {
      limit: query.limit,
      ...(query.beforeStartedAt && query.beforeId ? { before: { startedAt: query.beforeStartedAt, id: query.beforeId } } : {}),
      ...(query.channels ? { channels: query.channels } : {}),
    });
  });
}
