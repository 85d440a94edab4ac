// Where an accepted task is worked: an e-mail on its customer's screen (the composer answers
// that very mail), or in the inbox when the sender matched no customer; a call-back on the
// customer's screen with the task card beside it; an SMS/WhatsApp conversation on its customer's
// screen (features/messages shows it there).
import { type AgentTask } from '../../../shared/contact-center.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { useChatStore } from '../chat/store.js';
import { useCustomerStore } from '../customer/store.js';

export function openTaskWork(task: AgentTask): void {
  // A chat opens in the chat dock beside the softphone (and its customer on screen).
  if (task.kind === 'chat' && task.sourceId) {
    void invalidateMethod('chat.mine');
    useChatStore.getState().select(task.sourceId.split(':')[0] ?? null);
  }
  if (task.customerId) {
    void useCustomerStore.getState().open(task.customerId);
    return;
  }
  if (task.kind === 'email') window.location.hash = '#/inbox';
  // An SMS/WhatsApp number on no customer record: the conversation on a page of its own.
  if (task.kind === 'message' && task.sourceId) window.location.hash = `#/conversations/${task.sourceId}`;
}
