// case.create shows in the cache at once: the case (version 0, no number yet: the server
// numbers it) and its event in the customer's timeline. The due time uses the default office
// calendar until the server's row, timed on the site's calendar, comes back in a pull.
import { INTERNAL_DISPOSITION, caseDueAt, caseNoteSubject, caseOpenedSubject, caseSourceDisposition } from '../../../shared/cases.js';
import { type CacheDb } from '../cache/open-cache.js';
import { DEFAULT_SLA } from '../../../shared/replies/sla.js';
import { type LocalEffectsOf } from '../outbox/local-effects.js';

export const caseEffects = {
  'case.create': {
    applyLocally(db, a, author) {
      const due = caseDueAt(new Date(a.createdAt), a.priority, DEFAULT_SLA).toISOString();
      db.prepare(
        `INSERT OR IGNORE INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at,
           sla_due_at, resolved_at, assignee_id, version)
         VALUES (?, '', ?, ?, ?, ?, 'open', ?, ?, NULL, ?, 0)`,
      ).run(a.id, a.customerId, a.category, a.subject, a.priority, a.createdAt, due, author.id);
      db.prepare(
        `INSERT OR IGNORE INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
           agent_name, subject, body, disposition, duration_sec, recording_id, version)
         VALUES (?, ?, 'case', 'inbound', ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, 0)`,
      ).run(a.eventId, a.customerId, a.createdAt, author.id, author.displayName, caseOpenedSubject(null, a.subject),
        a.description || null, caseSourceDisposition(a.source));
    },
    revert(db, a) {
      db.prepare('DELETE FROM cases WHERE id = ? AND version = 0').run(a.id);
      db.prepare('DELETE FROM interactions WHERE id = ? AND version = 0').run(a.eventId);
    },
  },
} satisfies LocalEffectsOf<'case.create'>;

/** case.setStatus shows at once; a refusal puts back the status the agent saw. */
export const caseStatusEffects = {
  'case.setStatus': {
    applyLocally(db, a) {
      db.prepare('UPDATE cases SET status = ? WHERE id = ?').run(a.to, a.caseId);
    },
    revert(db, a) {
      db.prepare('UPDATE cases SET status = ? WHERE id = ? AND status = ?').run(a.from, a.caseId, a.to);
    },
  },
} satisfies LocalEffectsOf<'case.setStatus'>;

const insertEvent = `INSERT OR IGNORE INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
  agent_name, subject, body, disposition, duration_sec, recording_id, version)
  VALUES (?, ?, ?, 'outbound', ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, 0)`;

function caseOf(db: CacheDb, id: string) {
  return db.prepare<[string], { customer_id: string; case_no: string; subject: string }>(
    'SELECT customer_id, case_no, subject FROM cases WHERE id = ?').get(id);
}

/** An internal note and a reply on a case show in the timeline at once (version 0 until the server's rows come back). */
export const caseWorkEffects = {
  'case.note': {
    applyLocally(db, a, author) {
      const k = caseOf(db, a.caseId);
      if (!k) return;
      db.prepare(insertEvent).run(a.eventId, k.customer_id, 'case', a.at, author.id, author.displayName,
        caseNoteSubject(k.case_no, k.subject), a.body, INTERNAL_DISPOSITION);
    },
    revert(db, a) {
      db.prepare('DELETE FROM interactions WHERE id = ? AND version = 0').run(a.eventId);
    },
  },
  'case.reply': {
    applyLocally(db, a, author) {
      const k = caseOf(db, a.caseId);
      if (!k) return;
      const text = a.previewText.trim();
      db.prepare(insertEvent).run(a.eventId, k.customer_id, a.channel, a.at, author.id, author.displayName,
        `${k.case_no} · ${a.subject || text.slice(0, 80)}`, text, 'queued');
    },
    revert(db, a) {
      db.prepare('DELETE FROM interactions WHERE id = ? AND version = 0').run(a.eventId);
    },
  },
} satisfies LocalEffectsOf<'case.note' | 'case.reply'>;
