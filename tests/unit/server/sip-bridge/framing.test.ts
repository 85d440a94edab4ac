// The two wire formats the SIP bridge reads from outside: evapi's netstrings (Kamailio)
// and NG's bencode (rtpengine). Split and joined frames, and every malformed shape.
import { describe, expect, it } from 'vitest';
import { bdecode, bencode } from '../../../../src/server/contact-center/sip-bridge/bencode.js';
import { encodeNetstring, MAX_NETSTRING_BYTES, NetstringDecoder, NetstringError } from '../../../../src/server/contact-center/sip-bridge/netstring.js';

describe('netstrings', () => {
  it('decodes frames split and joined anyhow, UTF-8 included', () => {
    const bytes = Buffer.concat([encodeNetstring('{"a":1}'), encodeNetstring('Bapak Budi — ok'), encodeNetstring('')]);
    const d = new NetstringDecoder();
    const out: string[] = [];
    for (let i = 0; i < bytes.length; i += 3) out.push(...d.push(bytes.subarray(i, i + 3)));
    expect(out).toEqual(['{"a":1}', 'Bapak Budi — ok', '']);
  });
  it.each([
    ['a length that is not a number', 'x5:hello,'],
    ['a leading zero', '05:hello,'],
    ['a frame not closed by a comma', '5:hello;'],
    ['a length prefix that never ends', '123456789'],
  ])('refuses %s', (_why, text) => {
    expect(() => new NetstringDecoder().push(Buffer.from(text))).toThrow(NetstringError);
  });
  it('refuses a frame over the limit before buffering it', () => {
    expect(() => new NetstringDecoder().push(Buffer.from(`${MAX_NETSTRING_BYTES + 1}:`))).toThrow(/limit/);
  });
});

describe('bencode', () => {
  it('round-trips what NG uses (dictionaries with sorted keys, lists, strings, integers)', () => {
    const value = { command: 'offer', 'call-id': 'a@b', flags: ['generate-mid'], codec: { strip: ['all'] }, 'repeat-times': 3, sdp: 'v=0\r\n' };
    const bytes = bencode(value);
    expect(bytes.toString()).toMatch(/^d7:call-id3:a@b5:codecd5:stripl3:allee7:command5:offer5:flagsl12:generate-mide12:repeat-timesi3e3:sdp5:v=0\r\ne$/);
    expect(bdecode(bytes)).toEqual(value);
  });
  it.each([
    ['trailing bytes', 'i1ei2e'], ['an unterminated dictionary', 'd3:abc'], ['a string past the end', '9:abc'],
    ['a non-string key', 'di1ei2ee'], ['a bad integer', 'i1x2e'],
  ])('refuses %s', (_why, text) => {
    expect(() => bdecode(Buffer.from(text))).toThrow(/bencode/);
  });
});

describe('the bridge settings', () => {
  it('reads sites, peers and the announcement interval', async () => {
    const { sipBridgeConfigFromEnv } = await import('../../../../src/server/contact-center/sip-bridge/config.js');
    const c = sipBridgeConfigFromEnv({ SAPA_SIP_BRIDGE: 'jakarta=127.0.0.1:8448@127.0.0.1:22222', SAPA_SIP_PEER_SITES: 'yogyakarta=10.0.2.5:5060', SAPA_QUEUE_ANNOUNCE_S: '20' }, '/srv/sapa');
    expect(c).toEqual({ sites: [{ siteCode: 'jakarta', evapiHost: '127.0.0.1', evapiPort: 8448, ngHost: '127.0.0.1', ngPort: 22222 }], peerSites: { yogyakarta: '10.0.2.5:5060' }, announceEveryMs: 20_000, promptsDir: '/srv/sapa/resources/prompts' });
  });
  it.each([
    [{ SAPA_SIP_BRIDGE: 'jakarta=127.0.0.1:8448' }, /rtpengine NG/],
    [{ SAPA_SIP_BRIDGE: 'jakarta=127.0.0.1:99999@127.0.0.1:22222' }, /host:port/],
    [{ SAPA_SIP_PEER_SITES: 'yogya karta=1.2.3.4:5060' }, /site code/],
    [{ SAPA_QUEUE_ANNOUNCE_S: '1' }, /5-600/],
  ])('refuses %o', async (env, message) => {
    const { sipBridgeConfigFromEnv } = await import('../../../../src/server/contact-center/sip-bridge/config.js');
    expect(() => sipBridgeConfigFromEnv(env)).toThrow(message);
  });
});
