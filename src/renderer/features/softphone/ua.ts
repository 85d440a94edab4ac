// The SIP user agent and its registration: credentials from the server (through core), one
// sip.js UserAgent + Registerer, re-registration after a transport loss or a refused
// REGISTER — at the next proxy of the list (proxy-failover.ts) — and a clean shutdown. It
// writes the registration state to the store and hands every new INVITE (and, before that,
// every raw message from the proxy) to its hooks.
import { Registerer, RegistererState, UserAgent, type Invitation, type Transport } from 'sip.js';
import { type SipCredentials } from '../../../shared/softphone.js';
import { sapa } from '../../platform/sapa.js';
import { nextProxy, refusalWorthFailover } from './proxy-failover.js';
import { useSoftphoneStore, type RegistrationReason, type RegistrationState } from './store.js';

export { reconnectDelayMs } from './proxy-failover.js';

const REGISTER_EXPIRES_S = 300;

export interface SipAgentHooks {
  onInvite(invitation: Invitation): void;
  /** Every message from the proxy, before sip.js parses it (the screen pop starts here). */
  onRawMessage(message: string): void;
}

const messageOf = (error: unknown): string => {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
};
const codeOf = (error: unknown): string | null =>
  (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null);

export class SipAgent {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private creds: SipCredentials | null = null;
  /** Reconnect attempts since the last successful registration. */
  private attempt = 0;
  /** The proxy (index into creds.wsUrls) the transport points at now. */
  private proxyIndex = 0;
  /** The proxy that was lost when the current series of attempts began. */
  private lostIndex = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(private readonly hooks: SipAgentHooks) {}

  get isRunning(): boolean { return this.running; }
  /** The UserAgent while started (calls are placed on it). */
  get userAgent(): UserAgent | null { return this.ua; }
  get credentials(): SipCredentials | null { return this.creds; }
  /** The WebSocket URL of the proxy in use (or being tried). */
  get proxyUrl(): string | null { return this.creds?.wsUrls[this.proxyIndex] ?? null; }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    setRegistration('connecting', null);
    let creds: SipCredentials;
    try {
      creds = await sapa().call('softphone.credentials', {});
    } catch (error) {
      this.running = false;
      // The server answers NOT_FOUND when it has no SIP secret: nothing the agent can retry.
      setRegistration('failed', codeOf(error) === 'NOT_FOUND' ? { key: 'notConfigured' } : { key: 'noCredentials', detail: messageOf(error) });
      return;
    }
    this.creds = creds;
    this.attempt = 0;
    this.proxyIndex = 0;
    useSoftphoneStore.setState({ extension: creds.extension, proxyUrl: creds.wsUrls[0] ?? null });
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${creds.extension}@${creds.domain}`),
      authorizationUsername: creds.authUsername,
      authorizationPassword: creds.password,
      displayName: creds.displayName,
      transportOptions: { server: creds.wsUrls[0], connectionTimeout: 5, keepAliveInterval: 15 },
      // No STUN: every media path of a call center is inside its own network.
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
      logBuiltinEnabled: false,
      reconnectionAttempts: 0, // reconnection is ours (back-off + re-register)
      // The 180 Ringing is sent by onInvite once the screen-pop lookup is on its way (sip.js
      // would send one before calling onInvite, and we sent a second).
      sendInitialProvisionalResponse: false,
      delegate: {
        onInvite: (invitation) => this.hooks.onInvite(invitation),
        onDisconnect: (error) => {
          if (!this.running) return;
          setRegistration('connecting', { key: 'lostProxy', detail: error?.message });
          this.scheduleReconnect();
        },
      },
    });
    this.ua = ua;
    this.tapRawMessages(ua);
    this.registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.registered();
    });
    try {
      await ua.start();
      await this.register();
    } catch (error) {
      setRegistration('connecting', { key: 'cannotReach', detail: messageOf(error) });
      this.scheduleReconnect();
    }
  }

  /** Stops reconnecting: the first step of a shutdown, before the calls are hung up. */
  halt(): void {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** Unregisters and stops the UA (after halt() and the calls' hang-up). */
  async close(): Promise<void> {
    try { await this.registerer?.unregister(); } catch { /* transport already gone */ }
    try { await this.ua?.stop(); } catch { /* already stopped */ }
    this.ua = null;
    this.registerer = null;
    this.creds = null;
  }

  private registered(): void {
    this.attempt = 0;
    setRegistration('registered', null);
  }

  /**
   * Points the one UserAgent's transport at another proxy. The UA (and so every call's
   * dialog) stays: a new UserAgent would end the calls in progress, whose media still flows
   * peer to peer or through the surviving site's relay. sip.js reads the server URL from its
   * transport configuration on each connect and offers no setter, hence the cast.
   */
  private useProxy(index: number): void {
    const url = this.creds?.wsUrls[index];
    if (!url || !this.ua) return;
    this.proxyIndex = index;
    (this.ua.transport as Transport & { configuration: { server: string } }).configuration.server = url;
    useSoftphoneStore.setState({ proxyUrl: url });
  }

  private async register(): Promise<void> {
    if (!this.registerer) return;
    await this.registerer.register({
      requestDelegate: {
        // After a reconnect the Registerer may still think it is registered (no state
        // change to listen for), so the 200 OK itself says we are back.
        onAccept: () => this.registered(),
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message;
          const detail = `${statusCode} ${reasonPhrase}`;
          // This proxy cannot serve us (overloaded, shutting down): the next one might.
          if (refusalWorthFailover(statusCode ?? 0) && (this.creds?.wsUrls.length ?? 0) > 1) {
            setRegistration('connecting', { key: 'reconnecting', attempt: this.attempt, detail });
            void this.ua?.transport.disconnect().catch(() => undefined);
            this.scheduleReconnect();
            return;
          }
          setRegistration('failed', { key: 'refused', detail });
        },
      },
    });
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.running) return;
    if (this.attempt === 0) this.lostIndex = this.proxyIndex;
    const next = nextProxy(this.lostIndex, this.attempt, this.creds?.wsUrls.length ?? 1);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      const ua = this.ua;
      if (!ua || !this.running) return;
      this.useProxy(next.index);
      ua.reconnect().then(() => this.register()).catch((error: unknown) => {
        setRegistration('connecting', { key: 'reconnecting', attempt: this.attempt, detail: messageOf(error) });
        this.scheduleReconnect();
      });
    }, next.delayMs);
  }

  /** Lets the hooks see each raw message first: the INVITE's lookup leaves before sip.js parses it. */
  private tapRawMessages(ua: UserAgent): void {
    const transport = ua.transport;
    const deliver = transport.onMessage;
    transport.onMessage = (message: string) => {
      this.hooks.onRawMessage(message);
      deliver?.(message);
    };
  }
}

function setRegistration(registration: RegistrationState, reason: RegistrationReason | null): void {
  useSoftphoneStore.setState({ registration, reason });
}
