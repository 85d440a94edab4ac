// GET /cases/categories: the category tree a case is filed under — each active queue with
// its case categories (Organisation → Queues). Cases themselves are written through the
// sync push (case.create, ./mutations.ts), by the desktop's outbox and any other client.
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';

export function registerCaseRoutes(register: RegisterRoute, db: Db): void {
  register('cases.categories', async () => {
    const rows = await db.query<{ code: string; label_id: string; label_en: string; case_categories: string[] }>(
      `SELECT code, label_id, label_en, case_categories FROM queues
       WHERE active AND cardinality(case_categories) > 0 ORDER BY label_en, code`);
    return { groups: rows.map((r) => ({ queue: r.code, labelId: r.label_id, labelEn: r.label_en, categories: r.case_categories })) };
  });
}
