// The conversation of the `message` task this agent is working now, if any: the customer
// screen shows it beside the composer (src/renderer/features/customer/CustomerView.tsx).
import { useContactCenterStore } from '../contact-center/store.js';

export function useCurrentConversation(customerId: string | null): string | null {
  return useContactCenterStore((s) => {
    const task = s.current;
    if (!task || task.kind !== 'message' || !task.sourceId) return null;
    return task.customerId === customerId ? task.sourceId : null;
  });
}
