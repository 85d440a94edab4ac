// Mapping between cache rows (snake_case columns, JSON text for arrays) and domain objects.
// Rows were validated with zod before they were written, so reading them back only casts.
import {
  type Case, type Contract, type Customer, type CustomerSummary, type Interaction, type Order,
  type Receivable,
} from '../../../shared/domain.js';

export interface CustomerRow {
  id: string; customer_no: string; external_id: string | null; full_name: string;
  salutation: string | null; phones: string; emails: string; address: string | null;
  city: string | null; branch: string | null; language: string; segment: string | null;
  tier: string; vvip: number; billing: string; lifecycle: string; customer_since: string | null;
  lifetime_value_idr: number; version: number; updated_at: string;
}

export function customerParams(c: Customer): unknown[] {
  return [
    c.id, c.customerNo, c.externalId, c.fullName, c.salutation, JSON.stringify(c.phones),
    JSON.stringify(c.emails), c.address, c.city, c.branch, c.language, c.segment, c.tier,
    c.vvip ? 1 : 0, c.billing, c.lifecycle, c.customerSince, c.lifetimeValueIdr, c.version, c.updatedAt,
  ];
}

export function customerFromRow(r: CustomerRow): Customer {
  return {
    id: r.id, customerNo: r.customer_no, externalId: r.external_id, fullName: r.full_name,
    salutation: r.salutation as Customer['salutation'], phones: JSON.parse(r.phones) as Customer['phones'],
    emails: JSON.parse(r.emails) as string[], address: r.address, city: r.city, branch: r.branch,
    language: r.language as Customer['language'], segment: r.segment, tier: r.tier as Customer['tier'],
    vvip: r.vvip === 1, billing: r.billing as Customer['billing'], lifecycle: r.lifecycle as Customer['lifecycle'],
    customerSince: r.customer_since, lifetimeValueIdr: r.lifetime_value_idr, version: r.version,
    updatedAt: r.updated_at,
  };
}

export type SummaryRow = Pick<CustomerRow, 'id' | 'customer_no' | 'full_name' | 'salutation' | 'tier' | 'vvip' | 'city' | 'phones' | 'emails'>;
export const SUMMARY_COLUMNS = 'c.id, c.customer_no, c.full_name, c.salutation, c.tier, c.vvip, c.city, c.phones, c.emails';

export function summaryFromRow(r: SummaryRow): CustomerSummary {
  return {
    id: r.id, customerNo: r.customer_no, fullName: r.full_name,
    salutation: r.salutation as CustomerSummary['salutation'], tier: r.tier as CustomerSummary['tier'],
    vvip: r.vvip === 1, city: r.city, phones: JSON.parse(r.phones) as CustomerSummary['phones'],
    emails: JSON.parse(r.emails) as string[],
  };
}

export interface InteractionRow {
  id: string; customer_id: string; channel: string; direction: string; started_at: string;
  ended_at: string | null; agent_id: string | null; agent_name: string | null; subject: string | null;
  body: string | null; disposition: string | null; duration_sec: number | null;
  recording_id: string | null; version: number;
}

export function interactionParams(i: Interaction): unknown[] {
  return [
    i.id, i.customerId, i.channel, i.direction, i.startedAt, i.endedAt, i.agentId, i.agentName,
    i.subject, i.body, i.disposition, i.durationSec, i.recordingId, i.version,
  ];
}

export function interactionFromRow(r: InteractionRow): Interaction {
  return {
    id: r.id, customerId: r.customer_id, channel: r.channel as Interaction['channel'],
    direction: r.direction as Interaction['direction'], startedAt: r.started_at, endedAt: r.ended_at,
    agentId: r.agent_id, agentName: r.agent_name, subject: r.subject, body: r.body,
    disposition: r.disposition, durationSec: r.duration_sec, recordingId: r.recording_id, version: r.version,
  };
}

export interface CaseRow {
  id: string; case_no: string; customer_id: string; category: string; subject: string; priority: string;
  status: string; opened_at: string; sla_due_at: string; resolved_at: string | null;
  assignee_id: string | null; version: number;
  response_due_at?: string | null; responded_at?: string | null; warn_at?: string | null; team_id?: string | null;
}

export function caseParams(c: Case): unknown[] {
  return [c.id, c.caseNo, c.customerId, c.category, c.subject, c.priority, c.status, c.openedAt,
    c.slaDueAt, c.resolvedAt, c.assigneeId, c.version, c.responseDueAt ?? null, c.respondedAt ?? null, c.warnAt ?? null, c.teamId ?? null];
}

export function caseFromRow(r: CaseRow): Case {
  return {
    id: r.id, caseNo: r.case_no, customerId: r.customer_id, category: r.category, subject: r.subject,
    priority: r.priority as Case['priority'], status: r.status as Case['status'], openedAt: r.opened_at,
    slaDueAt: r.sla_due_at, resolvedAt: r.resolved_at, assigneeId: r.assignee_id, version: r.version,
    responseDueAt: r.response_due_at ?? null, respondedAt: r.responded_at ?? null, warnAt: r.warn_at ?? null, teamId: r.team_id ?? null,
  };
}

export interface OrderRow {
  id: string; order_no: string; customer_id: string; product: string; amount_idr: number; status: string;
  placed_at: string; status_history: string; expected_at: string | null; version: number;
}

export function orderParams(o: Order): unknown[] {
  return [o.id, o.orderNo, o.customerId, o.product, o.amountIdr, o.status, o.placedAt,
    JSON.stringify(o.statusHistory), o.expectedAt ?? null, o.version];
}

export function orderFromRow(r: OrderRow): Order {
  return {
    id: r.id, orderNo: r.order_no, customerId: r.customer_id, product: r.product, amountIdr: r.amount_idr,
    status: r.status as Order['status'], placedAt: r.placed_at,
    statusHistory: JSON.parse(r.status_history) as Order['statusHistory'], expectedAt: r.expected_at, version: r.version,
  };
}

export interface ReceivableRow {
  id: string; invoice_no: string; customer_id: string; amount_idr: number; paid_idr: number;
  issued_at: string; due_date: string; status: string; version: number;
}

export function receivableParams(r: Receivable): unknown[] {
  return [r.id, r.invoiceNo, r.customerId, r.amountIdr, r.paidIdr, r.issuedAt, r.dueDate, r.status, r.version];
}

export function receivableFromRow(r: ReceivableRow): Receivable {
  return {
    id: r.id, invoiceNo: r.invoice_no, customerId: r.customer_id, amountIdr: r.amount_idr,
    paidIdr: r.paid_idr, issuedAt: r.issued_at, dueDate: r.due_date,
    status: r.status as Receivable['status'], version: r.version,
  };
}

export interface ContractRow {
  id: string; contract_no: string; customer_id: string; product: string; start_date: string;
  end_date: string | null; monthly_fee_idr: number; status: string; version: number;
}

export function contractParams(c: Contract): unknown[] {
  return [c.id, c.contractNo, c.customerId, c.product, c.startDate, c.endDate, c.monthlyFeeIdr, c.status, c.version];
}

export function contractFromRow(r: ContractRow): Contract {
  return {
    id: r.id, contractNo: r.contract_no, customerId: r.customer_id, product: r.product,
    startDate: r.start_date, endDate: r.end_date, monthlyFeeIdr: r.monthly_fee_idr,
    status: r.status as Contract['status'], version: r.version,
  };
}
