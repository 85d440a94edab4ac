// Media assertions of the SIP suite: audio is proven by RTP byte counters that grow, not by
// SIP state alone.
import { expect, type Page } from '@playwright/test';

/** Inbound RTP bytes of the agent's focused call, read through the softphone's test probe. */
export async function agentBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const probe = window.__sapaSoftphone;
    const id = probe?.focused();
    return probe && id ? probe.inboundBytes(id) : 0;
  });
}

/** Waits until a byte counter grows past what it reads now. */
export async function growing(read: () => Promise<number>): Promise<void> {
  const before = await read();
  await expect.poll(read, { timeout: 10_000 }).toBeGreaterThan(before);
}
