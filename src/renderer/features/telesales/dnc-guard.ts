// The softphone's do-not-call check (docs/sales.md, "Do not call"): before any outbound dial
// the number is asked about on the server's list. A listed number is refused with a clear
// message and neither dialled nor copied. When the list cannot be asked (offline, or the text
// is an extension rather than a phone number) the dial goes ahead: campaign lists never hold
// listed numbers, and a call needs the network anyway.
import { sapa } from '../../platform/sapa.js';

export async function isDoNotCall(number: string): Promise<boolean> {
  try {
    return (await sapa().call('sales.dnc.check', { phone: number })).listed;
  } catch {
    return false;
  }
}
