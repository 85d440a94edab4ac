// The agent's side of listen, whisper and barge (decision 0024): the agent's own desktop
// forks its call's mix. One AudioContext per session:
//   to the lead     = customer's audio + agent's microphone           (every mode)
//   to the customer = agent's microphone + lead's audio               (barge only; otherwise
//                     the customer's sender keeps the bare microphone track)
// and the agent hears the lead on its own audio element in whisper and barge. Switching is
// RTCRtpSender.replaceTrack on senders already negotiated: no re-INVITE, nothing dropped.
import { type MonitorMode } from '../../../shared/monitor.js';

export interface AgentMix {
  /** The track the lead's call sends: customer + agent. */
  readonly toLead: MediaStreamTrack;
  /** The lead's audio arrived (the monitor call is up): mix it in where the mode says. */
  attachLead(lead: MediaStream): void;
  apply(mode: MonitorMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * `customerSender` sends `mic` to the customer now; `customer` is the customer's audio.
 * `leadAudio` plays the lead to the agent (its speaker routing is the caller's).
 */
export function createAgentMix(o: { mic: MediaStreamTrack; customer: MediaStream; customerSender: RTCRtpSender; leadAudio: HTMLAudioElement }): AgentMix {
  const ctx = new AudioContext();
  const micSource = ctx.createMediaStreamSource(new MediaStream([o.mic]));
  const customerSource = ctx.createMediaStreamSource(o.customer);
  const toLead = ctx.createMediaStreamDestination();
  const toCustomer = ctx.createMediaStreamDestination();
  micSource.connect(toLead);
  customerSource.connect(toLead);
  micSource.connect(toCustomer);
  // The lead's voice reaches the customer's mix only through this gain (0 unless barging).
  const leadGain = ctx.createGain();
  leadGain.gain.value = 0;
  leadGain.connect(toCustomer);
  let leadSource: MediaStreamAudioSourceNode | null = null;
  const toCustomerTrack = toCustomer.stream.getAudioTracks()[0];
  const toLeadTrack = toLead.stream.getAudioTracks()[0];
  if (!toCustomerTrack || !toLeadTrack) throw new Error('WebAudio gave no track');
  let mode: MonitorMode = 'listen';
  void ctx.resume().catch(() => undefined);

  return {
    toLead: toLeadTrack,
    attachLead(lead) {
      leadSource?.disconnect();
      leadSource = ctx.createMediaStreamSource(lead);
      leadSource.connect(leadGain);
      o.leadAudio.srcObject = lead;
      o.leadAudio.muted = mode === 'listen';
      void o.leadAudio.play().catch(() => undefined);
    },
    async apply(next) {
      mode = next;
      // The mute state of the call follows the sender's track: carry it over.
      const enabled = o.customerSender.track?.enabled ?? true;
      leadGain.gain.value = next === 'barge' ? 1 : 0;
      o.leadAudio.muted = next === 'listen';
      const track = next === 'barge' ? toCustomerTrack : o.mic;
      if (o.customerSender.track !== track) {
        track.enabled = enabled;
        await o.customerSender.replaceTrack(track);
      }
    },
    async close() {
      const enabled = o.customerSender.track?.enabled ?? true;
      o.mic.enabled = enabled;
      if (o.customerSender.track !== o.mic) await o.customerSender.replaceTrack(o.mic).catch(() => undefined);
      o.leadAudio.srcObject = null;
      toLeadTrack.stop();
      toCustomerTrack.stop();
      await ctx.close().catch(() => undefined);
    },
  };
}
