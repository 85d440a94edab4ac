// How the non-call task sources put work into the queues: the SMTP ingress (an inbound
// e-mail to a queue's address), the call-back scheduler (a call-back falls due) and the
// wrap-up's follow-ups. Implemented by the router (this folder); one task per source
// reference, so a source that delivers twice (a retried mail, a rescheduled call-back)
// never makes two tasks.

export interface NewTask {
  kind: 'email' | 'callback' | 'follow_up';
  /** The inbound message id, the call-back id: unique per kind. */
  sourceRef: string;
  /** Explicit queue, or null: the router picks it from the address (e-mail) or the customer's queue. */
  queueCode: string | null;
  /** The address the e-mail was sent to (picks the queue when queueCode is null). */
  toAddress?: string;
  customerId: string | null;
  /** Sender address or the number to call. */
  from: string;
  subject: string | null;
  /** The agent who should get it first (the call-back's owner, the customer's last agent). */
  preferredAgentId?: string | null;
  /** Not before (a call-back's due time); default now. */
  notBefore?: Date;
}

export interface TaskIntakePort {
  /** Queues the task (idempotent per kind + sourceRef); answers its id and whether it was new. */
  enqueue(task: NewTask): Promise<{ taskId: string; created: boolean }>;
  /** The source withdrew it (the call-back was cancelled, the mail answered elsewhere). */
  withdraw(kind: NewTask['kind'], sourceRef: string): Promise<void>;
}
