// Scheduled reports (docs/reports.md, "Schedules"): a report mailed to chosen leads and
// admins at the start of each period — on its first working day (the office calendar of
// the SLA settings: opening hours and holidays), from opening time — with the report of the
// period just ended attached. The sweep runs on the server's report clock, the one the test
// clock moves (POST /test/clock), every minute and whenever that clock is set. A schedule row
// is locked while it is mailed (FOR UPDATE SKIP LOCKED), so each period goes out once even
// with several server instances.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { SapaError } from '../../shared/errors.js';
import {
  addDays, dayStartUtc, localDay, nextPeriod, periodContaining, periodLabel, previousPeriod, type Period,
} from '../../shared/report-periods.js';
import { reportText } from '../../shared/report-text.js';
import { mayReadReport, REPORT_KEYS, REPORT_ROLES, type ExportFormat, type ReportKey, type Schedule, type ScheduleBody } from '../../shared/reports.js';
import { ROLES, type Role } from '../../shared/domain.js';

import { type SlaSettings } from '../../shared/replies/sla.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { loadSla } from '../messaging/inbound.js';
import { type MessagingConfig } from '../messaging/config.js';
import { runReport } from './run.js';
import { exportFileName, MIME, reportCsv, reportPdf, writeReportXlsx } from './exports.js';
import { PassThrough } from 'node:stream';

/** 'a lead', 'an admin', 'a sales manager': the refusal names who may receive the report. */
const roleWithArticle = (r: Role) => `${/^[aeiou]/.test(r) ? 'an' : 'a'} ${r.replace('_', ' ')}`;

/** When a period's mail goes out: its first working day at opening time (office clock). */
export function sendMomentOf(period: Period, sla: SlaSettings): Date {
  let day = period.from;
  for (let i = 0; i < 60; i += 1, day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const hours = sla.hours[weekday];
    if (!hours || sla.holidays.includes(day)) continue;
    const [h, m] = hours[0].split(':').map(Number);
    return new Date(dayStartUtc(day).getTime() + ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  }
  return dayStartUtc(period.from);
}

/** The period whose report is due at `now` for a schedule of `kind`: the one just ended, once the current one's first working day has opened. */
export function dueReportPeriod(kind: Period['kind'], now: Date, sla: SlaSettings): { report: Period; sendAt: Date } {
  const current = periodContaining(kind, localDay(now));
  const sendAt = sendMomentOf(current, sla);
  if (now >= sendAt) return { report: previousPeriod(current), sendAt };
  // Before this period's first working day opens, the one before is the last due.
  const prior = previousPeriod(current);
  return { report: previousPeriod(prior), sendAt: sendMomentOf(prior, sla) };
}

export function nextSendAt(kind: Period['kind'], now: Date, sla: SlaSettings): Date {
  const current = periodContaining(kind, localDay(now));
  const sendAt = sendMomentOf(current, sla);
  return now < sendAt ? sendAt : sendMomentOf(nextPeriod(current), sla);
}

interface ScheduleRow {
  id: string; report: ReportKey; period_kind: 'month' | 'quarter' | 'semester' | 'year'; format: ExportFormat; language: 'id' | 'en';
  recipient_ids: string[]; created_at: Date; last_sent_key: string | null; last_sent_at: Date | null; last_error: string | null;
}

async function recipientsOf(db: Db, ids: string[]): Promise<{ id: string; name: string; email: string | null }[]> {
  return db.query<{ id: string; name: string; email: string | null }>(
    'SELECT id, display_name AS name, email FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name', [ids]);
}

async function toSchedule(db: Db, r: ScheduleRow, now: Date, sla: SlaSettings): Promise<Schedule> {
  return {
    id: r.id, report: r.report, periodKind: r.period_kind, format: r.format, language: r.language, recipientIds: r.recipient_ids,
    recipients: await recipientsOf(db, r.recipient_ids), createdAt: new Date(r.created_at).toISOString(),
    nextSendAt: nextSendAt(r.period_kind, now, sla).toISOString(),
    lastSentKey: r.last_sent_key, lastSentAt: r.last_sent_at ? new Date(r.last_sent_at).toISOString() : null, lastError: r.last_error,
  };
}

/** The schedules of the reports `role` may read (a sales manager never sees the contact center's), and who may receive reports. */
export async function listSchedules(db: Db, now: Date, role: Role) {
  const sla = await loadSla(db);
  const readable = REPORT_KEYS.filter((k) => mayReadReport(role, k));
  const rows = await db.query<ScheduleRow>('SELECT * FROM report_schedules WHERE report = ANY($1::text[]) ORDER BY created_at, id', [readable]);
  const readers = ROLES.filter((r) => REPORT_KEYS.some((k) => mayReadReport(r, k)));
  const recipients = await db.query<{ id: string; name: string; email: string | null; role: Role }>(
    'SELECT id, display_name AS name, email, role FROM users WHERE role = ANY($1::text[]) AND disabled_at IS NULL ORDER BY display_name', [readers]);
  return { items: await Promise.all(rows.map((r) => toSchedule(db, r, now, sla))), recipients };
}

export async function createSchedule(db: Db, userId: string, body: ScheduleBody, now: Date): Promise<Schedule> {
  const people = await db.query<{ id: string; name: string; email: string | null; role: string; disabled_at: Date | null }>(
    'SELECT id, display_name AS name, email, role, disabled_at FROM users WHERE id = ANY($1::uuid[])', [body.recipientIds]);
  for (const id of body.recipientIds) {
    const p = people.find((x) => x.id === id);
    if (!p || p.disabled_at) throw new SapaError('INVALID_INPUT', `recipientIds: user ${id} does not exist or is disabled`);
    if (!mayReadReport(p.role as Role, body.report)) {
      throw new SapaError('INVALID_INPUT', `recipientIds: ${p.name} is not ${REPORT_ROLES[body.report].map(roleWithArticle).join(' or ')}`);
    }
    if (!p.email) throw new SapaError('INVALID_INPUT', `recipientIds: ${p.name} has no e-mail address`);
  }
  const sla = await loadSla(db);
  // The period due now counts as sent: the first mail is the next period's.
  const { report } = dueReportPeriod(body.periodKind, now, sla);
  const id = randomUUID();
  const [row] = await db.query<ScheduleRow>(
    `INSERT INTO report_schedules (id, report, period_kind, format, language, recipient_ids, created_by, created_at, last_sent_key)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9) RETURNING *`,
    [id, body.report, body.periodKind, body.format, body.language, body.recipientIds, userId, now, report.key]);
  if (!row) throw new SapaError('INTERNAL', 'schedule not stored');
  await audit(db, 'report_scheduled', userId, id, { report: body.report, periodKind: body.periodKind, format: body.format, recipients: body.recipientIds.length });
  return toSchedule(db, row, now, sla);
}

/** Deletes a schedule of a report `role` may read; another report's schedule is as absent as a missing one. */
export async function deleteSchedule(db: Db, userId: string, role: Role, id: string): Promise<void> {
  const readable = REPORT_KEYS.filter((k) => mayReadReport(role, k));
  const gone = await db.query('DELETE FROM report_schedules WHERE id = $1 AND report = ANY($2::text[]) RETURNING id', [id, readable]);
  if (gone.length === 0) throw new SapaError('NOT_FOUND', 'No such schedule');
  await audit(db, 'report_schedule_deleted', userId, id);
}

/** The report as a file in memory (a report is a few hundred rows: small). */
export async function reportFile(db: Db, report: ReportKey, period: Period, format: ExportFormat, language: 'id' | 'en', now: Date) {
  const result = await runReport(db, report, { period, compare: 'previous', language }, now);
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => { sink.on('end', resolve); sink.on('error', reject); });
  if (format === 'xlsx') {
    await writeReportXlsx(result, language, sink);
  } else {
    (format === 'pdf' ? reportPdf(result, language) : reportCsv(result, language)).pipe(sink);
  }
  await done;
  return { fileName: exportFileName(result, format), mime: MIME[format], content: Buffer.concat(chunks) };
}

export interface ReportScheduler { start(): void; kick(): void; stop(): Promise<void> }

/** Mails every schedule whose period is due at `now` and not yet sent; returns how many went out. */
export async function sweepSchedules(db: Db, now: Date, mailConfig: () => Promise<MessagingConfig>): Promise<number> {
  const sla = await loadSla(db);
  let sent = 0;
  const ids = await db.query<{ id: string }>('SELECT id FROM report_schedules ORDER BY created_at');
  for (const { id } of ids) {
    const mailed = await db.transaction(async (tx) => {
      const [s] = await tx.query<ScheduleRow>('SELECT * FROM report_schedules WHERE id = $1 FOR UPDATE SKIP LOCKED', [id]);
      if (!s) return false;
      const { report } = dueReportPeriod(s.period_kind, now, sla);
      if (s.last_sent_key === report.key) return false;
      try {
        const config = await mailConfig();
        if (!config.smtpUrl) throw new Error('No SMTP relay is configured (SAPA_SMTP_URL or the server settings)');
        const people = (await recipientsOf(tx, s.recipient_ids)).filter((p) => p.email);
        if (people.length === 0) throw new Error('No recipient has an e-mail address');
        const file = await reportFile(tx, s.report, report, s.format, s.language, now);
        const vars = { report: reportText(s.language, `report.${s.report}`), period: periodLabel(report, s.language) };
        const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: config.sendTimeoutMs, socketTimeout: config.sendTimeoutMs } as Parameters<typeof nodemailer.createTransport>[0]);
        try {
          await transport.sendMail({
            from: config.mailFrom, to: people.map((p) => p.email ?? ''),
            subject: reportText(s.language, 'mail.subject', vars), text: reportText(s.language, 'mail.body', vars),
            attachments: [{ filename: file.fileName, content: file.content, contentType: MIME[s.format] }],
          });
        } finally {
          transport.close();
        }
        await tx.query('UPDATE report_schedules SET last_sent_key = $2, last_sent_at = $3, last_error = NULL WHERE id = $1', [id, report.key, now]);
        await audit(tx, 'report_mailed', null, id, { report: s.report, period: report.key, format: s.format, recipients: people.length });
        return true;
      } catch (error) {
        await tx.query('UPDATE report_schedules SET last_error = $2 WHERE id = $1', [id, String(error instanceof Error ? error.message : error).slice(0, 500)]);
        return false;
      }
    });
    if (mailed) sent += 1;
  }
  return sent;
}

export function reportScheduler(
  db: Db, clock: () => Date, mailConfig: () => Promise<MessagingConfig>, onError: (e: unknown) => void, everyMs = 60_000,
): ReportScheduler {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (running) { again = true; return; }
    running = sweepSchedules(db, clock(), mailConfig).then(() => undefined, onError).finally(() => {
      running = null;
      if (again) { again = false; tick(); }
    });
  };
  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref();
      tick();
    },
    kick: tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
