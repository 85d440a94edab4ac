// The carrier's gateway for agents' outbound calls: a sipp UAS at GATEWAY that checks the
// number dialled and the company's caller ID, answers with G.711 speech and counts the
// agent's audio (scenarios/carrier-uas-media.xml).
import { expect, type Page } from '@playwright/test';
import { agentBytes, growing } from './media.js';
import { CALLER_ID, GATEWAY_IP, GATEWAY_PORT } from './sip-env.js';
import { SIPP_PCAP, startSipp, type RunningSipp } from './sipp.js';

/** Waits for one call to `callee` (digits, as the INVITE's request line has them). */
export function startCarrier(callee: string, mediaPort: number): Promise<RunningSipp> {
  return startSipp('carrier-uas-media.xml', '', {
    CALLEE_RE: `^INVITE sip:${callee}@`, CALLER_ID_RE: `sip:${CALLER_ID.replace('+', '\\+')}@`, PCAP: SIPP_PCAP,
  }, { source: GATEWAY_IP, port: GATEWAY_PORT, server: true, mediaPort, timeoutSec: 60 });
}

/**
 * The agent's call to the carrier is up: the carrier's speech reaches the agent, the agent's
 * voice reaches the carrier as plain RTP (sipp's counter, read while the call is up: 20 ms
 * packets, at least 100); the agent hangs up, and sipp, which checked the number and the
 * caller ID, took the BYE.
 */
export async function talkToCarrier(page: Page, carrier: RunningSipp): Promise<void> {
  const inCall = page.getByRole('region', { name: 'In call' });
  await expect(inCall).toBeVisible();
  await growing(() => agentBytes(page));
  await expect.poll(() => carrier.rtpReceivedNow(), { timeout: 15_000 }).toBeGreaterThan(100);
  await inCall.getByRole('button', { name: 'Hang up' }).click();
  const result = await carrier.done;
  expect(result.code, result.output).toBe(0);
  await expect(inCall).toHaveCount(0);
}
