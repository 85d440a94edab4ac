// SAPA_SIP_SITE_PROXIES: which site each proxy is at, and the proxy list an agent's
// credentials carry — their own site's proxies first (that Kamailio rings them), the others
// after for failover, each group in the admin's order.
import { expect, it } from 'vitest';
import { proxiesForSite, sipConfigFromEnv, SipConfigError } from '../../../src/server/sip/config.js';

const JKT1 = 'wss://sip1.jkt.example'; const JKT2 = 'wss://sip2.jkt.example'; const YGY = 'wss://sip.ygy.example';

it('reads the site of each proxy; a malformed entry stops the start naming it', () => {
  const config = sipConfigFromEnv({ SAPA_SIP_SITE_PROXIES: `jakarta=${JKT1}, jakarta=${JKT2},yogyakarta=${YGY}` });
  expect(config.proxySites).toEqual({ [JKT1]: 'jakarta', [JKT2]: 'jakarta', [YGY]: 'yogyakarta' });
  expect(sipConfigFromEnv({}).proxySites).toEqual({});
  for (const bad of [YGY, `=${YGY}`, 'yogyakarta=http://x', 'Yogya=wss://x', 'yogyakarta=']) {
    expect(() => sipConfigFromEnv({ SAPA_SIP_SITE_PROXIES: bad })).toThrow(SipConfigError);
  }
  expect(() => sipConfigFromEnv({ SAPA_SIP_SITE_PROXIES: 'yogyakarta=http://x' })).toThrow(/yogyakarta=http:\/\/x/);
});

it("puts the agent's site's proxies first, keeps the list's order within each group, leaves others as listed", () => {
  const sites = { [JKT1]: 'jakarta', [JKT2]: 'jakarta', [YGY]: 'yogyakarta' };
  const list = [JKT1, YGY, JKT2];
  expect(proxiesForSite(list, sites, 'yogyakarta')).toEqual([YGY, JKT1, JKT2]);
  expect(proxiesForSite(list, sites, 'jakarta')).toEqual([JKT1, JKT2, YGY]);
  // no site (no branch, or a branch at no site), a site without proxies, no mapping: as listed
  expect(proxiesForSite(list, sites, null)).toEqual(list);
  expect(proxiesForSite(list, sites, 'surabaya')).toEqual(list);
  expect(proxiesForSite(list, {}, 'jakarta')).toEqual(list);
  // a mapped proxy the admin removed from the list is not added back
  expect(proxiesForSite([JKT1], sites, 'yogyakarta')).toEqual([JKT1]);
});
