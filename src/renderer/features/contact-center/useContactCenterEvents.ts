// Wires core's `cc.push` into the contact-center store (and a web chat's change into the chat
// dock's queries), reads the state once signed in, and
// does what an offer needs at once: the customer opened on the single screen (a call's
// offer leaves that to the softphone's screen pop, which runs while it rings), and the
// attention request when Sapa is not in front.
import { useEffect } from 'react';
import { coreKey, invalidateMethod, queryClient } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';
import { useAuthStore } from '../auth/store.js';
import { useCustomerStore } from '../customer/store.js';
import { requestAttentionForOffer } from './attention.js';
import { useContactCenterStore } from './store.js';

export function useContactCenterEvents(): void {
  const userId = useAuthStore((s) => s.user?.id ?? null);
  useEffect(() => {
    if (!userId) return undefined;
    const store = useContactCenterStore.getState();
    void store.load();
    const off = sapa().on('cc.push', (push) => {
      if (push.type === 'chat_changed') {
        // The customer wrote, typed, read or left: the dock reads that chat (and the tabs' unread counts) now.
        void queryClient.invalidateQueries({ queryKey: coreKey('chat.conversation', { id: push.conversationId }) });
        if (push.what !== 'typing') void invalidateMethod('chat.mine');
        return;
      }
      if (push.type === 'conversation_changed') {
        void queryClient.invalidateQueries({ queryKey: coreKey('conversations.get', { id: push.conversationId }) });
        return;
      }
      useContactCenterStore.getState().apply(push);
      if (push.type !== 'task_offer') return;
      const { offer } = push;
      if (offer.kind !== 'call' && offer.customerId) void useCustomerStore.getState().open(offer.customerId);
      requestAttentionForOffer(offer);
    });
    // The live socket may have dropped pushes while the host was away: read again.
    const offSession = sapa().on('sync.status', (status) => { if (status.live && !useContactCenterStore.getState().state) void useContactCenterStore.getState().load(); });
    return () => {
      off();
      offSession();
    };
  }, [userId]);
}
