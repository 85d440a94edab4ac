// Asks the suite's Kamailio directly (its JSON-RPC listener, with the key the server uses):
// whether an extension has a registration, so a test can tell "the proxy dropped it" from
// "the softphone unregistered".
import { kamailioRpc, KamailioRpcError } from '../../../src/server/sip/kamailio-rpc.js';
import { RPC_URL, SIP_SECRET } from './sip-env.js';

/** The contacts Kamailio holds for the extension (none: not registered). */
export async function contactsOf(extension: string, rpcUrl = RPC_URL): Promise<string[]> {
  try {
    const result = await kamailioRpc(rpcUrl, SIP_SECRET, 'ul.lookup', ['location', extension]);
    const contacts = (result as { Contacts?: { Contact?: { Address?: string } }[] } | null)?.Contacts ?? [];
    return contacts.map((c) => c.Contact?.Address ?? '?');
  } catch (error) {
    // Kamailio answers "AOR not found" (404) for an extension with no registration.
    if (error instanceof KamailioRpcError && /404|not found/i.test(error.message)) return [];
    throw error;
  }
}
