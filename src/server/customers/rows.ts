// Row shapes as stored, and their mapping to the shared domain types.
import {
  type Case, type Contract, type Customer, type CustomerSummary, type Interaction, type Order,
  type Receivable, type User,
} from '../../shared/domain.js';
import { iso, isoOrNull, type Timestamp } from '../db/timestamps.js';

export interface CustomerRow {
  id: string; customer_no: string; external_id: string | null; full_name: string;
  salutation: Customer['salutation']; phones: Customer['phones']; emails: string[];
  address: string | null; city: string | null; branch: string | null; language: Customer['language'];
  segment: string | null; tier: Customer['tier']; vvip: boolean; billing: Customer['billing'];
  lifecycle: Customer['lifecycle']; customer_since: string | null; lifetime_value_idr: number;
  version: number; updated_at: Timestamp;
}

export const CUSTOMER_COLUMNS = `id, customer_no, external_id, full_name, salutation, phones, emails, address,
  city, branch, language, segment, tier, vvip, billing, lifecycle, customer_since, lifetime_value_idr,
  version, updated_at`;

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: r.id, customerNo: r.customer_no, externalId: r.external_id, fullName: r.full_name,
    salutation: r.salutation, phones: r.phones, emails: r.emails, address: r.address, city: r.city,
    branch: r.branch, language: r.language, segment: r.segment, tier: r.tier, vvip: r.vvip,
    billing: r.billing, lifecycle: r.lifecycle, customerSince: r.customer_since,
    lifetimeValueIdr: r.lifetime_value_idr, version: r.version, updatedAt: iso(r.updated_at),
  };
}

export function toCustomerSummary(r: CustomerRow): CustomerSummary {
  const c = toCustomer(r);
  return {
    id: c.id, customerNo: c.customerNo, fullName: c.fullName, salutation: c.salutation, tier: c.tier,
    vvip: c.vvip, city: c.city, phones: c.phones, emails: c.emails,
  };
}

export interface InteractionRow {
  id: string; customer_id: string; channel: Interaction['channel']; direction: Interaction['direction'];
  started_at: Timestamp; ended_at: Timestamp | null; agent_id: string | null; agent_name: string | null;
  subject: string | null; body: string | null; disposition: string | null; duration_sec: number | null;
  recording_id: string | null; version: number;
}

export function toInteraction(r: InteractionRow): Interaction {
  return {
    id: r.id, customerId: r.customer_id, channel: r.channel, direction: r.direction,
    startedAt: iso(r.started_at), endedAt: isoOrNull(r.ended_at), agentId: r.agent_id,
    agentName: r.agent_name, subject: r.subject, body: r.body, disposition: r.disposition,
    durationSec: r.duration_sec, recordingId: r.recording_id, version: r.version,
  };
}

export interface CaseRow {
  id: string; case_no: string; customer_id: string; category: string; subject: string;
  priority: Case['priority']; status: Case['status']; opened_at: Timestamp; sla_due_at: Timestamp;
  resolved_at: Timestamp | null; assignee_id: string | null; version: number;
  response_due_at?: Timestamp | null; responded_at?: Timestamp | null; warn_at?: Timestamp | null; team_id?: string | null;
}

export function toCase(r: CaseRow): Case {
  return {
    id: r.id, caseNo: r.case_no, customerId: r.customer_id, category: r.category, subject: r.subject,
    priority: r.priority, status: r.status, openedAt: iso(r.opened_at), slaDueAt: iso(r.sla_due_at),
    resolvedAt: isoOrNull(r.resolved_at), assigneeId: r.assignee_id, version: r.version,
    responseDueAt: isoOrNull(r.response_due_at ?? null), respondedAt: isoOrNull(r.responded_at ?? null),
    warnAt: isoOrNull(r.warn_at ?? null), teamId: r.team_id ?? null,
  };
}

export interface OrderRow {
  id: string; order_no: string; customer_id: string; product: string; amount_idr: number;
  status: Order['status']; placed_at: Timestamp; status_history: Order['statusHistory']; expected_at?: Timestamp | null; version: number;
}

export function toOrder(r: OrderRow): Order {
  return {
    id: r.id, orderNo: r.order_no, customerId: r.customer_id, product: r.product, amountIdr: r.amount_idr,
    status: r.status, placedAt: iso(r.placed_at), statusHistory: r.status_history, expectedAt: r.expected_at ? iso(r.expected_at) : null,
    version: r.version,
  };
}

export interface ReceivableRow {
  id: string; invoice_no: string; customer_id: string; amount_idr: number; paid_idr: number;
  issued_at: string; due_date: string; status: Receivable['status']; version: number;
}

export function toReceivable(r: ReceivableRow): Receivable {
  return {
    id: r.id, invoiceNo: r.invoice_no, customerId: r.customer_id, amountIdr: r.amount_idr,
    paidIdr: r.paid_idr, issuedAt: r.issued_at, dueDate: r.due_date, status: r.status, version: r.version,
  };
}

export interface ContractRow {
  id: string; contract_no: string; customer_id: string; product: string; start_date: string;
  end_date: string | null; monthly_fee_idr: number; status: Contract['status']; version: number;
}

export function toContract(r: ContractRow): Contract {
  return {
    id: r.id, contractNo: r.contract_no, customerId: r.customer_id, product: r.product,
    startDate: r.start_date, endDate: r.end_date, monthlyFeeIdr: r.monthly_fee_idr, status: r.status,
    version: r.version,
  };
}

export interface UserRow { id: string; username: string; display_name: string; role: User['role']; version: number }

export function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, version: r.version };
}
