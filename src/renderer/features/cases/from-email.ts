// "Make a case" on an inbound e-mail: one step files a case for the e-mail's customer, its
// subject and body as the case's subject and description, source e-mail, linked to the
// e-mail's interaction (the case's interaction id). The category is a complaint when the
// tree has it (the agent may move the case on from there), the priority the one offered.
import { COMPLAINT_CATEGORY, suggestPriority } from '../../../shared/cases.js';
import { type Case, type Customer } from '../../../shared/domain.js';
import { type InboundMessage } from '../../../shared/replies/messages.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';

export async function makeCaseFromEmail(message: InboundMessage, customer: Pick<Customer, 'id' | 'tier'>, fallbackSubject: string): Promise<Case> {
  const tree = await sapa().call('cases.categories', {});
  const all = tree.groups.flatMap((g) => g.categories);
  const category = all.includes(COMPLAINT_CATEGORY) ? COMPLAINT_CATEGORY : all[0];
  if (!category) throw new Error('no case category');
  const subject = (message.subject ?? '').trim().slice(0, 200) || fallbackSubject;
  const description = message.body.trim().slice(0, 10_000);
  const filed = await sapa().call('cases.create', {
    customerId: customer.id, category, subject, priority: suggestPriority(customer.tier, category), source: 'email',
    ...(description ? { description } : {}),
    ...(message.interactionId ? { interactionId: message.interactionId } : {}),
  });
  await Promise.all([invalidateMethod('customers.get360'), invalidateMethod('customers.history')]);
  return filed;
}
