// The ringtone: a WebAudio two-tone ring played into an <audio> element routed to the
// ringer device (so it rings on the laptop speaker while the headset stays quiet).
import { routeAudio } from './devices.js';

let stopCurrent: (() => void) | null = null;

export function startRinging(): void {
  if (stopCurrent) return;
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
  // 1 s on, 2 s off (Indonesian ring cadence is close to this).
  const cadence = setInterval(() => {
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0.2, t);
    gain.gain.setValueAtTime(0, t + 1);
  }, 3000);
  const audio = new Audio();
  audio.srcObject = dest.stream;
  void routeAudio(audio, 'ringer').then(() => audio.play()).catch(() => undefined);
  stopCurrent = () => {
    clearInterval(cadence);
    audio.pause();
    audio.srcObject = null;
    void ctx.close();
  };
}

export function stopRinging(): void {
  stopCurrent?.();
  stopCurrent = null;
}
