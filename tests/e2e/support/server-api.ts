// Ground truth for assertions, read from the real server over its HTTP API.
import type { Interaction } from '../../../src/shared/domain.js';

export async function serverLogin(username: string, password: string): Promise<string> {
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function serverGet<T>(token: string, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1${pathAndQuery}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET ${pathAndQuery} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every interaction of a customer, newest first, as the server orders them. */
export async function allInteractions(token: string, customerId: string): Promise<Interaction[]> {
  const page = await serverGet<{ items: Interaction[] }>(token, `/customers/${customerId}/interactions?limit=500`);
  return page.items;
}
