// Case SLA on the server: the category × tier matrix (case_sla_targets, migration 029), the
// clocks a new case gets from it (response, resolution, the assignee's warning), the
// response target being met, and the admin's routes to read and replace the matrix
// (Organisation → Case SLA; audited by the registrar as settings.manage changes).
import { DEFAULT_CASE_WARN_PERCENT, type CaseSlaTarget, CaseWarnPercent, RESPONSE_WORKING_HOURS, caseClocks, targetsFor, type CaseClocks, type CaseSlaAnswer } from '../../shared/case-sla.js';
import { RESOLUTION_WORKING_HOURS } from '../../shared/cases.js';
import { type z } from 'zod';
import { type Priority, type Tier } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { loadSla } from '../messaging/inbound.js';

/** The categories of the active queues (as cases/mutations.ts checks them; kept here so the two files do not import each other). */
async function activeCaseCategories(db: Db): Promise<Set<string>> {
  const rows = await db.query<{ c: string }>('SELECT DISTINCT unnest(case_categories) AS c FROM queues WHERE active');
  return new Set(rows.map((r) => r.c));
}

interface TargetRow { category: string; tier: Tier; response_hours: number; resolution_hours: number; updated_at: Date }

export async function loadCaseSlaMatrix(db: Db): Promise<CaseSlaTarget[]> {
  const rows = await db.query<TargetRow>('SELECT category, tier, response_hours, resolution_hours, updated_at FROM case_sla_targets ORDER BY category, tier');
  return rows.map((r) => ({ category: r.category, tier: r.tier, responseHours: Number(r.response_hours), resolutionHours: Number(r.resolution_hours) }));
}

/** Server setting caseWarnPercent (Organisation → Case SLA); a stored value that no longer parses falls back to the default. */
export async function caseWarnPercent(db: Db): Promise<number> {
  const [row] = await db.query<{ value: unknown }>("SELECT value FROM server_settings WHERE key = 'caseWarnPercent'");
  const parsed = CaseWarnPercent.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_CASE_WARN_PERCENT;
}

/** The clocks of a case filed now: the matrix cell of its category and the customer's tier, else its priority's. */
export async function planCaseClocks(
  db: Db, c: { customerId: string; category: string; priority: z.infer<typeof Priority>; openedAt: Date },
): Promise<CaseClocks> {
  const [customer] = await db.query<{ tier: Tier }>('SELECT tier FROM customers WHERE id = $1', [c.customerId]);
  const targets = targetsFor(await loadCaseSlaMatrix(db), c.category, customer?.tier ?? 'regular', c.priority);
  return caseClocks(c.openedAt, targets, await loadSla(db), await caseWarnPercent(db));
}

/**
 * The response target is met: the case left `open`, or got its first reply (case notes and
 * replies call this in the same transaction). Only the first time counts; answers whether
 * this call was it.
 */
export async function markCaseResponded(db: Db, caseId: string, at: Date = new Date()): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'UPDATE cases SET responded_at = $2, updated_at = now() WHERE id = $1 AND responded_at IS NULL RETURNING id', [caseId, at]);
  return rows.length > 0;
}

async function answer(db: Db): Promise<CaseSlaAnswer> {
  const [targets, categories, [stamp]] = await Promise.all([
    loadCaseSlaMatrix(db),
    activeCaseCategories(db),
    db.query<{ at: Date | null }>('SELECT max(updated_at) AS at FROM case_sla_targets'),
  ]);
  return {
    targets,
    categories: [...new Set([...categories, ...targets.map((t) => t.category)])].sort(),
    fallback: { response: { ...RESPONSE_WORKING_HOURS }, resolution: { ...RESOLUTION_WORKING_HOURS } },
    updatedAt: stamp?.at ? new Date(stamp.at).toISOString() : null,
  };
}

export function registerCaseSlaRoutes(register: RegisterRoute, db: Db): void {
  register('caseSla.read', async () => answer(db));
  register('caseSla.save', async ({ body, user }) => {
    // A target for a category no active queue files under would never apply: say so.
    const known = await activeCaseCategories(db);
    const stray = [...new Set(body.targets.map((t) => t.category).filter((c) => !known.has(c)))];
    if (stray.length > 0) {
      throw new SapaError('INVALID_INPUT', 'Invalid SLA targets', stray.map((c) => `category: "${c}" is not a case category of an active queue`));
    }
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM case_sla_targets');
      for (const t of body.targets) {
        await tx.query(
          'INSERT INTO case_sla_targets (category, tier, response_hours, resolution_hours, updated_by) VALUES ($1, $2, $3, $4, $5)',
          [t.category, t.tier, t.responseHours, t.resolutionHours, user.id]);
      }
    });
    return answer(db);
  });
}
