// The screen pop's early look at a raw INVITE (before sip.js parses it): the caller it
// reads must be the caller sip.js would hand to onInvite, and anything that is not a new
// incoming call must be left alone.
import { describe, expect, it } from 'vitest';
import { IncomingRequestMessage, LoggerFactory, Parser } from 'sip.js/lib/core/index.js';
import { peekInvite } from '../../../src/renderer/features/softphone/invite-peek.js';
import { callerNumber } from '../../../src/renderer/features/softphone/screen-pop.js';

function invite(headers: string[], method = 'INVITE'): string {
  return [
    `${method} sip:1001@127.0.0.1:5060;transport=ws SIP/2.0`,
    'Via: SIP/2.0/WS 127.0.0.1:8088;branch=z9hG4bK776asdhds',
    'Max-Forwards: 69',
    ...headers,
    `CSeq: 1 ${method}`,
    'Content-Type: application/sdp',
    'Content-Length: 4',
    '',
    'v=0\r\n',
  ].join('\r\n');
}

const logger = new LoggerFactory().getLogger('test');

/** What sip.js makes of the same message (onInvite reads remoteIdentity = From). */
function sipJsCaller(raw: string): string {
  const message = Parser.parseMessage(raw, logger);
  if (!(message instanceof IncomingRequestMessage)) throw new Error('not a request');
  return callerNumber(message.from.uri.user, message.from.displayName);
}

describe('peekInvite', () => {
  const cases: [string, string[]][] = [
    ['plain number', ['From: <sip:6281234567890@127.0.0.1>;tag=9fxced76sl', 'To: <sip:1001@127.0.0.1>', 'Call-ID: 3848276298220188511@127.0.0.1']],
    ['display name and + escaped', ['From: "Bu Sari" <sip:%2B6281234567890@sbc.example>;tag=a1', 'To: "Agent" <sip:1001@127.0.0.1>', 'Call-ID: a84b4c76e66710']],
    ['compact headers', ['f: <sip:081234567890@127.0.0.1>;tag=x', 't: <sip:1001@127.0.0.1>', 'i: c1@host']],
    ['addr-spec From', ['From: sip:0215550123@pstn.example;tag=77', 'To: sip:1001@127.0.0.1', 'Call-ID: q@w']],
    ['anonymous', ['From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=1', 'To: <sip:1001@127.0.0.1>', 'Call-ID: anon1']],
    ['display name only', ['From: "6281234567890" <sip:127.0.0.1>;tag=1', 'To: <sip:1001@127.0.0.1>', 'Call-ID: d1']],
  ];

  for (const [name, headers] of cases) {
    it(`reads the caller as sip.js does: ${name}`, () => {
      const raw = invite(headers);
      const peeked = peekInvite(raw);
      expect(peeked).not.toBeNull();
      expect(callerNumber(peeked!.user, peeked!.displayName)).toBe(sipJsCaller(raw));
      expect(peeked!.callId).toBe((Parser.parseMessage(raw, logger) as IncomingRequestMessage).callId);
    });
  }

  it('leaves re-INVITEs, other requests and responses alone', () => {
    const inDialog = invite(['From: <sip:6281234567890@127.0.0.1>;tag=a', 'To: <sip:1001@127.0.0.1>;tag=b', 'Call-ID: c']);
    expect(peekInvite(inDialog)).toBeNull();
    expect(peekInvite(invite(['From: <sip:628123@127.0.0.1>;tag=a', 'To: <sip:1001@127.0.0.1>', 'Call-ID: c'], 'OPTIONS'))).toBeNull();
    expect(peekInvite('SIP/2.0 180 Ringing\r\nCall-ID: c\r\n\r\n')).toBeNull();
    expect(peekInvite(invite(['To: <sip:1001@127.0.0.1>', 'Call-ID: c']))).toBeNull();
    expect(peekInvite(invite(['From: <sip:%ZZ@127.0.0.1>;tag=a', 'To: <sip:1001@127.0.0.1>', 'Call-ID: c']))).toBeNull();
  });

  it('a tag inside the To URI is not a To tag', () => {
    const raw = invite(['From: <sip:628111@127.0.0.1>;tag=a', 'To: <sip:1001@127.0.0.1;tag=uri-param>', 'Call-ID: c']);
    expect(peekInvite(raw)?.user).toBe('628111');
  });
});
