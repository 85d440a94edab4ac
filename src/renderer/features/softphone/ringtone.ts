// The ringtone: a WebAudio two-tone ring played into an <audio> element routed to the
// ringer device (so it rings on the laptop speaker while the headset stays quiet).
// The audio graph is built once and suspended between calls: creating an AudioContext
// costs ≈ 10 ms of the renderer's main thread, which a ringing call's screen pop needs.
// The cadence is a looping envelope inside the audio graph, not a timer: a browser throttles
// the timers of a background tab (to once a minute after a few minutes), and a ring driven
// by one fell silent exactly when the agent was in another window. It rings until the call
// is answered or ends (stopRinging), however long that takes.
import { routeAudio } from './devices.js';

interface Ringer { ctx: AudioContext; gain: GainNode; audio: HTMLAudioElement }

/** 1 s on, 2 s off (close to the Indonesian ring cadence), at this level. */
const RING_ON_S = 1;
const RING_PERIOD_S = 3;
const RING_LEVEL = 0.2;

let ringer: Ringer | null = null;
/** The looping cadence envelope while ringing. */
let cadence: AudioBufferSourceNode | null = null;

function ringerGraph(): Ringer {
  if (ringer && ringer.ctx.state !== 'closed') return ringer;
  const ctx = new AudioContext();
  const gain = ctx.createGain();
  gain.gain.value = 0;
  const osc1 = ctx.createOscillator();
  const osc2 = ctx.createOscillator();
  osc1.frequency.value = 425;
  osc2.frequency.value = 480;
  const dest = ctx.createMediaStreamDestination();
  osc1.connect(gain);
  osc2.connect(gain);
  gain.connect(dest);
  osc1.start();
  osc2.start();
  const audio = new Audio();
  audio.srcObject = dest.stream;
  ringer = { ctx, gain, audio };
  return ringer;
}

/** Builds the (suspended) audio graph ahead of the first call. */
export function prepareRinger(): void {
  try {
    void ringerGraph().ctx.suspend();
  } catch {
    // No WebAudio here: the first ring builds it (or fails quietly) instead.
  }
}

/** The cadence as a looping envelope that drives the gain (added to its value of 0). */
function cadenceSource(ctx: AudioContext, gain: GainNode): AudioBufferSourceNode {
  const rate = ctx.sampleRate;
  const envelope = ctx.createBuffer(1, Math.round(rate * RING_PERIOD_S), rate);
  envelope.getChannelData(0).fill(RING_LEVEL, 0, Math.round(rate * RING_ON_S));
  const source = ctx.createBufferSource();
  source.buffer = envelope;
  source.loop = true;
  source.connect(gain.gain);
  return source;
}

export function startRinging(): void {
  if (cadence) return;
  const { ctx, gain, audio } = ringerGraph();
  void ctx.resume();
  cadence = cadenceSource(ctx, gain);
  cadence.start();
  void routeAudio(audio, 'ringer').then(() => audio.play()).catch(() => undefined);
}

export function stopRinging(): void {
  if (!cadence) return;
  const source = cadence;
  cadence = null;
  try { source.stop(); } catch { /* never started */ }
  source.disconnect();
  if (!ringer) return;
  ringer.audio.pause();
  void ringer.ctx.suspend();
}

/** Whether the ringer sounds now: the cadence runs and its audio plays (the tests' probe). */
export function isRinging(): boolean {
  return cadence !== null && ringer !== null && !ringer.audio.paused;
}

/** Softphone stopped (sign-out): the audio graph goes too. */
export function closeRinger(): void {
  stopRinging();
  if (!ringer) return;
  ringer.audio.srcObject = null;
  void ringer.ctx.close();
  ringer = null;
}
