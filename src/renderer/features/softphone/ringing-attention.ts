// A ringing call while the agent is in another window: the platform's attention request
// (notification + taskbar flash, src/renderer/platform/attention.ts) for as long as it rings.
// It follows the store, like presence does, so every way a ring ends — answered, declined,
// the caller hanging up, the proxy cancelling — takes the request down.
import i18next from 'i18next';
import { formatPhone } from '../../../shared/phone.js';
import { requestAttention } from '../../platform/attention.js';
import { type CallView, type useSoftphoneStore } from './store.js';

function bodyOf(call: CallView): string {
  const number = call.e164 ? formatPhone(call.e164) : call.number;
  const customer = call.pop.status === 'found' ? call.pop.customers[0] : undefined;
  return customer ? `${customer.fullName} · ${number}` : number;
}

/** Watches the store; answers the unsubscribe (which also takes a request down). */
export function watchRingingAttention(store: typeof useSoftphoneStore): () => void {
  let ringingId: string | null = null;
  let cancel: (() => void) | null = null;
  const follow = () => {
    // The card is on screen (revealed): the request says the same as the card, pop included.
    const ringing = store.getState().calls.find((c) => c.state === 'ringing' && c.direction === 'inbound' && c.revealed);
    const id = ringing?.id ?? null;
    if (id === ringingId) return;
    cancel?.();
    cancel = null;
    ringingId = id;
    if (ringing) cancel = requestAttention({ title: i18next.t('softphone.attention.incomingCall'), body: bodyOf(ringing) });
  };
  const unsubscribe = store.subscribe(follow);
  follow();
  return () => {
    unsubscribe();
    cancel?.();
  };
}
