// Renewals due soon (issue 15 item 4): active contracts ending within N days (default 60)
// from the business day, nearest end first, listed for the contract's sales owner (its
// `owner_username` from the contracts feed; customers have no account agent in Sapa). A lead
// sees the renewals of the agents of the teams they lead and their own; an admin all.
import { type RenewalList } from '../../shared/orders.js';
import { type Role } from '../../shared/domain.js';
import { type Db, type SqlParam } from '../db/db.js';
import { businessToday } from '../integrations/upsert.js';
import { addDays } from './mutations.js';

const LIMIT = 200;

interface Row {
  id: string; contract_no: string; product: string; end_date: string; days_left: number; monthly_fee_idr: number; value_idr: number | null;
  owner_username: string | null; owner_name: string | null; customer_id: string; full_name: string; salutation: RenewalList['renewals'][number]['salutation'];
}

export async function readRenewals(
  db: Db, user: { id: string; username: string; role: Role }, days: number, today = businessToday(),
): Promise<RenewalList> {
  const params: SqlParam[] = [today, addDays(today, days)];
  let whose: string;
  if (user.role === 'admin') {
    whose = 'true';
  } else if (user.role === 'lead') {
    params.push(user.username, user.id);
    whose = `(k.owner_username = $3 OR k.owner_username IN (
      SELECT m.username FROM users m JOIN teams t ON t.id = m.team_id WHERE t.lead_user_id = $4))`;
  } else {
    params.push(user.username);
    whose = 'k.owner_username = $3';
  }
  const rows = await db.query<Row>(
    `SELECT k.id, k.contract_no, k.product, k.end_date::text AS end_date, (k.end_date - $1::date)::int AS days_left,
            k.monthly_fee_idr, k.value_idr, k.owner_username, o.display_name AS owner_name, k.customer_id, c.full_name, c.salutation
     FROM contracts k JOIN customers c ON c.id = k.customer_id LEFT JOIN users o ON o.username = k.owner_username
     WHERE k.status = 'active' AND k.end_date IS NOT NULL AND k.end_date BETWEEN $1::date AND $2::date AND ${whose}
     ORDER BY k.end_date, k.contract_no LIMIT ${LIMIT}`, params);
  return {
    renewals: rows.map((r) => ({
      contractId: r.id, contractNo: r.contract_no, product: r.product, endDate: r.end_date, daysLeft: r.days_left,
      monthlyFeeIdr: r.monthly_fee_idr, valueIdr: r.value_idr, ownerUsername: r.owner_username, ownerName: r.owner_name,
      customerId: r.customer_id, customerName: r.full_name, salutation: r.salutation,
    })),
    days, asOf: today,
  };
}
