// The one place an offer asks for the agent's attention when Sapa is behind other windows:
// the platform's attention request (a system notification and a taskbar flash / dock bounce,
// src/renderer/platform/attention.ts), which never takes the keyboard focus. It is taken down
// as soon as the offer is gone (accepted, rejected, lapsed, taken back).
import i18next from 'i18next';
import { type TaskOffer } from '../../../shared/contact-center.js';
import { requestAttention } from '../../platform/attention.js';
import { useContactCenterStore } from './store.js';

export function requestAttentionForOffer(offer: TaskOffer): void {
  const takeDown = requestAttention({
    title: i18next.t(`contactCenter.offerTitle.${offer.kind}`).slice(0, 120),
    body: [offer.from, offer.subject].filter(Boolean).join(' · ').slice(0, 500),
  });
  const off = useContactCenterStore.subscribe((s) => {
    if (s.offer?.reservationId === offer.reservationId) return;
    off();
    takeDown();
  });
}
