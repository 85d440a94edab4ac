// The ringtone: a WebAudio two-tone ring played into an <audio> element routed to the
// ringer device (so it rings on the laptop speaker while the headset stays quiet).
// The audio graph is built once and suspended between calls: creating an AudioContext
// costs ≈ 10 ms of the renderer's main thread, which a ringing call's screen pop needs.
import { routeAudio } from './devices.js';

interface Ringer { ctx: AudioContext; gain: GainNode; audio: HTMLAudioElement }

let ringer: Ringer | null = null;
let cadence: ReturnType<typeof setInterval> | null = null;

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

export function startRinging(): void {
  if (cadence) return;
  const { ctx, gain, audio } = ringerGraph();
  void ctx.resume();
  // 1 s on, 2 s off (Indonesian ring cadence is close to this), starting at once.
  const ring = () => {
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0.2, t);
    gain.gain.setValueAtTime(0, t + 1);
  };
  ring();
  cadence = setInterval(ring, 3000);
  void routeAudio(audio, 'ringer').then(() => audio.play()).catch(() => undefined);
}

export function stopRinging(): void {
  if (!cadence) return;
  clearInterval(cadence);
  cadence = null;
  if (!ringer) return;
  ringer.gain.gain.cancelScheduledValues(0);
  ringer.gain.gain.value = 0;
  ringer.audio.pause();
  void ringer.ctx.suspend();
}

/** Softphone stopped (sign-out): the audio graph goes too. */
export function closeRinger(): void {
  stopRinging();
  if (!ringer) return;
  ringer.audio.srcObject = null;
  void ringer.ctx.close();
  ringer = null;
}
