// The "customer phone": a plain sip.js UA running in its own Chromium page, standing in
// for a caller on the PSTN side of Kamailio. Bundled by esbuild (global-setup) and served
// on 127.0.0.1. It does not register (trunk traffic); it calls, answers REFERs (attended
// transfer) by calling the target with Replaces, records the DTMF INFOs it receives and
// exposes getStats counters. Given a credential it registers too, so an agent's outbound
// call can reach it; incoming calls then wait for answer().
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Session } from 'sip.js';

interface PhoneApi {
  /** With `auth` (an auth_ephemeral username/password for `number`) it also registers. */
  start(wsUrl: string, number: string, domain: string, auth?: { username: string; password: string }): Promise<void>;
  /** Calls `target`; `from` (digits) calls as another number from the same page (the bench). */
  call(target: string, from?: string): Promise<void>;
  hangup(): Promise<void>;
  state(): string;
  sessions(): number;
  inboundBytes(): Promise<number>;
  dtmf: string;
  refers: number;
  log: string[];
  /** ms from sending each INVITE to its 180 Ringing. */
  ringMs: number[];
  cancel(): Promise<void>;
  /** Status codes of the final answers to this phone's INVITEs that refused them (e.g. 486). */
  rejections: number[];
  /** Calls that rang this (registered) phone, and who the From said was calling. */
  incoming: string[];
  answer(): Promise<void>;
  /** Unregisters (a registered phone) and stops the UA: its number is the trunk's again. */
  stop(): Promise<void>;
}

let ua: UserAgent | null = null;
let registration: Registerer | null = null;
let current: Session | null = null;
let domain = '127.0.0.1';
const audio = new Audio();
audio.autoplay = true;

function sdhPc(s: Session | null): RTCPeerConnection | undefined {
  return (s?.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection } | undefined)?.peerConnection;
}

function watch(session: Session): void {
  session.delegate = {
    onInfo: (info) => {
      const body = info.request.body;
      const match = /Signal=([0-9*#A-D])/.exec(body);
      if (match) phone.dtmf += match[1];
      void info.accept();
    },
    onRefer: (referral) => {
      phone.refers++;
      void referral.accept().then(() => {
        const old = session;
        const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
        watch(inviter);
        current = inviter;
        inviter.stateChange.addListener((state) => {
          if (state === SessionState.Established) void old.bye().catch(() => undefined);
        });
        void inviter.invite();
      });
    },
  };
  session.stateChange.addListener((state) => {
    phone.log.push(`${session.id.slice(0, 8)} ${state}`);
    if (state === SessionState.Established) {
      const sdh = session.sessionDescriptionHandler as unknown as { remoteMediaStream: MediaStream };
      audio.srcObject = sdh.remoteMediaStream;
      void audio.play().catch(() => undefined);
    }
  });
}

const phone: PhoneApi = {
  rejections: [],
  incoming: [],
  async answer() {
    if (current && current.state === SessionState.Initial && !(current instanceof Inviter)) {
      await (current as Invitation).accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    }
  },
  dtmf: '',
  refers: 0,
  log: [],
  ringMs: [],
  async cancel() {
    if (current instanceof Inviter && current.state !== SessionState.Established) await current.cancel();
    else if (current?.state === SessionState.Established) await current.bye();
  },
  async start(wsUrl, number, sipDomain, auth) {
    domain = sipDomain;
    ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${number}@${domain}`),
      transportOptions: { server: wsUrl },
      ...(auth ? { authorizationUsername: auth.username, authorizationPassword: auth.password } : {}),
      delegate: {
        onInvite: (invitation) => {
          phone.incoming.push(invitation.remoteIdentity.uri.user ?? '');
          watch(invitation);
          current = invitation;
        },
      },
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
      logBuiltinEnabled: false,
    });
    await ua.start();
    if (auth) {
      const registerer = new Registerer(ua, { expires: 300 });
      const registered = new Promise<void>((resolve, reject) => {
        registerer.stateChange.addListener((state) => {
          if (state === RegistererState.Registered) resolve();
          if (state === RegistererState.Unregistered || state === RegistererState.Terminated) reject(new Error(`registration ${state}`));
        });
      });
      await registerer.register();
      await registered;
      registration = registerer;
    }
  },
  async stop() {
    // A registration left behind would keep the number at Kamailio after the page closes:
    // a later call to it (the trunk's customer) would go to a dead WebSocket instead.
    if (registration) await registration.unregister().catch(() => undefined);
    registration = null;
    await ua?.stop();
    ua = null;
  },
  async call(target, from) {
    if (!ua) throw new Error('start first');
    const uri = UserAgent.makeURI(`sip:${target}@${domain}`);
    if (!uri) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(ua, uri, {
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
      ...(from ? { params: { fromUri: `sip:${from}@${domain}` } } : {}),
    });
    watch(inviter);
    current = inviter;
    const sentAt = performance.now();
    let rang = false;
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => { phone.rejections.push(response.message.statusCode ?? 0); },
        onProgress: (response) => {
          if (response.message.statusCode === 180 && !rang) { rang = true; phone.ringMs.push(performance.now() - sentAt); }
        },
      },
    });
  },
  async hangup() {
    if (current?.state === SessionState.Established) await current.bye();
  },
  state: () => current?.state ?? 'none',
  sessions: () => (current ? 1 : 0),
  async inboundBytes() {
    const pc = sdhPc(current);
    if (!pc) return 0;
    let bytes = 0;
    (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
    });
    return bytes;
  },
};

(window as unknown as { phone: PhoneApi }).phone = phone;
