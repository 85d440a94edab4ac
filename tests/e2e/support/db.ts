// Direct writes to the suite's server database, for state the screens cannot make on their
// own (an e-mail that arrived, a call-back that is already late). Rows written here are
// stamped with a sync version by the server's triggers, so desktops pull them as usual.
import pg from 'pg';

export async function withServerDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: process.env.SAPA_E2E_DATABASE_URL });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export interface SeededCustomer { id: string; customer_no: string; full_name: string; email: string }

/** A customer other than `notNo` with an e-mail address and several interactions. */
export async function anotherCustomerWithHistory(notNo: string): Promise<SeededCustomer> {
  return withServerDb(async (db) => {
    const res = await db.query<SeededCustomer>(`
      SELECT c.id, c.customer_no, c.full_name, c.emails->>0 AS email
      FROM customers c JOIN interactions i ON i.customer_id = c.id
      WHERE c.customer_no <> $1 AND jsonb_array_length(c.emails) > 0
      GROUP BY c.id HAVING count(*) BETWEEN 3 AND 40 ORDER BY c.customer_no LIMIT 1`, [notNo]);
    const row = res.rows[0];
    if (!row) throw new Error('the seed has no second customer with an e-mail and a history');
    return row;
  });
}

/**
 * An e-mail from the customer waiting for a reply (what the SMTP ingress would store), with
 * the ingress's SPF/DKIM/DMARC verdict (default: verified).
 */
export async function insertWaitingEmail(
  customerId: string, from: string, subject: string,
  auth: { verdict: 'pass' | 'fail' | 'none'; summary: string } = { verdict: 'pass', summary: 'spf=pass dkim=pass dmarc=pass' },
): Promise<string> {
  return withServerDb(async (db) => {
    const res = await db.query<{ id: string }>(`
      INSERT INTO inbound_messages (id, customer_id, from_address, subject, body, received_at, due_at, auth_verdict, auth_summary)
      VALUES (gen_random_uuid(), $1, $2, $3, 'Mohon dibantu.', now() - interval '10 minutes', now() + interval '110 minutes', $4, $5)
      RETURNING id`, [customerId, from, subject, auth.verdict, auth.summary]);
    return res.rows[0]!.id;
  });
}

export async function userId(username: string): Promise<string> {
  return withServerDb(async (db) => {
    const res = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    const row = res.rows[0];
    if (!row) throw new Error(`no user ${username}`);
    return row.id;
  });
}

/** `count` customers other than `notNo`, in customer-number order, starting at `offset`. */
export async function otherCustomers(notNo: string, count: number, offset = 0): Promise<SeededCustomer[]> {
  return withServerDb(async (db) => {
    const res = await db.query<SeededCustomer>(`
      SELECT id, customer_no, full_name, coalesce(emails->>0, '') AS email FROM customers
      WHERE customer_no <> $1 ORDER BY customer_no OFFSET $2 LIMIT $3`, [notNo, offset, count]);
    if (res.rows.length < count) throw new Error('the seed has too few customers');
    return res.rows;
  });
}

/** A call-back assigned to `assigneeId`, due `dueInMinutes` from now (negative: already late). */
export async function insertCallback(customerId: string, assigneeId: string, dueInMinutes: number, note: string): Promise<void> {
  await withServerDb((db) => db.query(`
    INSERT INTO callbacks (id, customer_id, due_at, note, assignee_id, status, created_by, created_at)
    VALUES (gen_random_uuid(), $1, now() + make_interval(mins => $3::int), $4, $2, 'open', $2, now() - interval '1 day')`,
  [customerId, assigneeId, dueInMinutes, note]));
}

/** An open case assigned to `assigneeId` whose SLA ends `slaInMinutes` from now. */
export async function insertCase(customerId: string, assigneeId: string, caseNo: string, subject: string, slaInMinutes: number): Promise<void> {
  await withServerDb((db) => db.query(`
    INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at, assignee_id)
    VALUES (gen_random_uuid(), $1, $2, 'complaint', $3, 'high', 'open', now() - interval '1 day',
            now() + make_interval(mins => $5::int), $4)`,
  [caseNo, customerId, subject, assigneeId, slaInMinutes]));
}
