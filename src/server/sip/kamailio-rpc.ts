// The server's line to each Kamailio (JSON-RPC 2.0 over HTTP, the jsonrpcs module on the
// RPC listener of resources/kamailio/kamailio.cfg.tmpl). Kamailio answers only requests
// carrying rpcKey(secret) in X-Sapa-Rpc-Key: scripts/kamailio.sh derives the same key, so
// the shared secret itself never travels.
import { createHmac } from 'node:crypto';

// Under core's 3 s wait for auth.logout, which waits for the proxies.
const TIMEOUT_MS = 2_000;

export function rpcKey(secret: string): string {
  return createHmac('sha256', secret).update('sapa-kamailio-rpc').digest('hex');
}

export class KamailioRpcError extends Error {}

/** One JSON-RPC call; throws KamailioRpcError on a transport error or an RPC error answer. */
export async function kamailioRpc(url: string, secret: string, method: string, params: unknown[]): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sapa-rpc-key': rpcKey(secret) },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new KamailioRpcError(`${method} → ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await res.text();
  // jsonrpcs answers an RPC error with HTTP 500 and the error in the JSON body.
  let answer: { result?: unknown; error?: { code?: number; message?: string } };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new KamailioRpcError(`${method} → ${url}: HTTP ${res.status}, not a JSON-RPC answer`);
  }
  if (answer.error) throw new KamailioRpcError(`${method} → ${url}: ${answer.error.code ?? ''} ${answer.error.message ?? ''}`.trim());
  if (!res.ok) throw new KamailioRpcError(`${method} → ${url}: HTTP ${res.status}`);
  return answer.result;
}
