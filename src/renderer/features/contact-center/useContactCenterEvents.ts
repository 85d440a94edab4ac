// Wires core's `cc.push` into the contact-center store, reads the state once signed in, and
// does what an offer needs at once: the customer opened on the single screen (a call's
// offer leaves that to the softphone's screen pop, which runs while it rings), and the
// attention request when Sapa is not in front.
import { useEffect } from 'react';
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
