// The sip.js side of each call in progress, by the call's id (the store holds what the
// screen shows; this holds what cannot go into a store: the session, its audio element
// and recorder). Entries come with the INVITE and leave when the session terminates.
import { type Invitation, type Session, type Web } from 'sip.js';
import { type CallRecorder } from './recorder.js';

export interface LiveCall {
  session: Session;
  /** Plays the far end's audio on the chosen speaker. */
  audio: HTMLAudioElement;
  recorder: CallRecorder | null;
  /** Date.now() when the far end accepted the hold; null while not held. */
  heldSince: number | null;
  /** performance.now() when the INVITE reached the renderer (screen-pop and set-up timing). */
  inviteAt: number;
  /** ICE restarts that the far end accepted (media-recovery.ts), for the status and the tests. */
  iceRestarts: number;
}

export class LiveCalls {
  private readonly byId = new Map<string, LiveCall>();

  add(id: string, session: Session, inviteAt: number): LiveCall {
    const audio = new Audio();
    audio.autoplay = true;
    const call: LiveCall = { session, audio, recorder: null, heldSince: null, inviteAt, iceRestarts: 0 };
    this.byId.set(id, call);
    return call;
  }

  get(id: string): LiveCall | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  remove(id: string): LiveCall | undefined {
    const call = this.byId.get(id);
    this.byId.delete(id);
    return call;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  entries(): [string, LiveCall][] {
    return [...this.byId.entries()];
  }

  /** The call whose SIP dialog (or, before one exists, whose INVITE) has this Call-ID. */
  bySipCallId(callId: string): [string, LiveCall] | undefined {
    return this.entries().find(([, l]) => (l.session.dialog?.callId ?? (l.session as Invitation).request?.callId) === callId);
  }
}

export function peerConnectionOf(session: Session): RTCPeerConnection | undefined {
  return (session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
}

/** Send and receive switched per direction (hold stops both; mute stops sending). */
export function setTracks(session: Session, { send, receive }: { send: boolean; receive: boolean }): void {
  const pc = peerConnectionOf(session);
  pc?.getSenders().forEach((s) => { if (s.track) s.track.enabled = send; });
  pc?.getReceivers().forEach((r) => { r.track.enabled = receive; });
}
