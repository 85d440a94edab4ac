// Calls in progress follow the agent's audio devices (devices.ts holds the choice): new
// calls open the chosen microphone, every call's audio plays on the chosen speaker, and a
// device chosen or unplugged mid-call moves the calls over.
import { type Web } from 'sip.js';
import { logger } from '../../platform/logger.js';
import { deviceIdFor, routeAudio } from './devices.js';
import { peerConnectionOf, type LiveCalls } from './live-calls.js';
import { findCall } from './store.js';

/** Media constraints of a new call or an answer: the chosen microphone, audio only. */
export function mediaOptions(): Web.SessionDescriptionHandlerOptions {
  const mic = deviceIdFor('microphone');
  return { constraints: { audio: mic ? { deviceId: mic } : true, video: false } };
}

export async function rerouteAudio(live: LiveCalls): Promise<void> {
  for (const [, l] of live.entries()) await routeAudio(l.audio, 'speaker');
}

/** Switches the microphone of every call in progress (device chosen or unplugged). */
export async function switchMicrophone(live: LiveCalls): Promise<void> {
  for (const [id, l] of live.entries()) {
    const sender = peerConnectionOf(l.session)?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender) continue;
    try {
      const mic = deviceIdFor('microphone');
      const stream = await navigator.mediaDevices.getUserMedia({ audio: mic ? { deviceId: mic } : true });
      const track = stream.getAudioTracks()[0];
      if (!track) continue;
      track.enabled = !findCall(id)?.muted && !findCall(id)?.held;
      await sender.replaceTrack(track);
    } catch (error) {
      logger.warn('microphone switch failed; keeping the current one', error);
    }
  }
  await rerouteAudio(live);
}
