// The stages of the pipeline with their probabilities, the lost reasons, and the budget
// warning share (sales_settings, opportunity_stages: migration 037). Managers and admins
// change them (Pipeline stages screen; the rules: src/shared/sales/stage-rules.ts); a stage in
// use is never deleted, only left out (inactive) of the board.
import { type SalesSettings, type SaveSalesSettings } from '../../shared/pipeline.js';
import { SapaError } from '../../shared/errors.js';
import { stageProblemText, stageProblems } from '../../shared/sales/stage-rules.js';
import { type z } from 'zod';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';

export async function readSalesSettings(db: Db): Promise<SalesSettings> {
  const stages = await db.query<{ code: string; label_en: string; label_id: string; probability: number; position: number; kind: 'open' | 'won' | 'lost' }>(
    'SELECT code, label_en, label_id, probability, position, kind FROM opportunity_stages WHERE active ORDER BY position, code');
  const reasons = await db.query<{ code: string; label_en: string; label_id: string }>(
    'SELECT code, label_en, label_id FROM lost_reasons ORDER BY position, code');
  const [s] = await db.query<{ budget_warn_percent: number }>('SELECT budget_warn_percent FROM sales_settings');
  return {
    stages: stages.map((r) => ({ code: r.code, labelEn: r.label_en, labelId: r.label_id, probability: r.probability, position: r.position, kind: r.kind })),
    lostReasons: reasons.map((r) => ({ code: r.code, labelEn: r.label_en, labelId: r.label_id })),
    warnPercent: s?.budget_warn_percent ?? 90,
  };
}

export async function saveSalesSettings(db: Db, input: z.output<typeof SaveSalesSettings>): Promise<SalesSettings> {
  const problems = stageProblems(input.stages);
  if (problems.length > 0) throw new SapaError('INVALID_INPUT', stageProblemText(problems));
  const codes = input.stages.map((s) => s.code);
  await withWriteTransaction(db, async (tx) => {
    // Closing kinds move by code: clear the old ones first (one won, one lost at any time).
    await tx.query(`UPDATE opportunity_stages SET kind = 'open', probability = LEAST(GREATEST(probability, 0), 100)
                    WHERE kind <> 'open' AND NOT (code = ANY($1::text[]))`, [codes]);
    await tx.query('UPDATE opportunity_stages SET active = false WHERE NOT (code = ANY($1::text[]))', [codes]);
    for (const s of input.stages.filter((x) => x.kind === 'open')) await upsertStage(tx, s);
    for (const s of input.stages.filter((x) => x.kind !== 'open')) {
      await tx.query(`UPDATE opportunity_stages SET kind = 'open' WHERE kind = $1 AND code <> $2`, [s.kind, s.code]);
      await upsertStage(tx, s);
    }
    await tx.query('UPDATE sales_settings SET budget_warn_percent = $1, updated_at = now()', [input.warnPercent]);
  });
  return readSalesSettings(db);
}

async function upsertStage(tx: Db, s: z.output<typeof SaveSalesSettings>['stages'][number]): Promise<void> {
  await tx.query(
    `INSERT INTO opportunity_stages (code, label_en, label_id, probability, position, kind, active) VALUES ($1, $2, $3, $4, $5, $6, true)
     ON CONFLICT (code) DO UPDATE SET label_en = $2, label_id = $3, probability = $4, position = $5, kind = $6, active = true`,
    [s.code, s.labelEn, s.labelId, s.probability, s.position, s.kind]);
}

export async function stageOf(db: Db, code: string): Promise<{ code: string; kind: 'open' | 'won' | 'lost'; probability: number }> {
  const [s] = await db.query<{ code: string; kind: 'open' | 'won' | 'lost'; probability: number }>(
    'SELECT code, kind, probability FROM opportunity_stages WHERE code = $1 AND active', [code]);
  if (!s) throw new SapaError('INVALID_INPUT', `stageCode: there is no stage ${code}`);
  return s;
}
