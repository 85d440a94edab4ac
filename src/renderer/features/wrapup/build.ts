// Turns an ended call and the agent's wrap-up into the CallWrapUp record core saves.
import { v7 as uuidv7 } from 'uuid';
import { type CallWrapUp } from '../../../shared/softphone.js';
import { type CallView } from '../softphone/store.js';

export function buildWrapUp(call: CallView, form: {
  customerId: string; disposition: string; notes: string; followUp: string; savedAt: number;
}): CallWrapUp {
  const endedAt = call.endedAt ?? form.savedAt;
  const followUpMs = form.followUp ? Date.parse(form.followUp) : NaN;
  return {
    id: call.interactionId ?? uuidv7(),
    customerId: form.customerId,
    direction: call.direction,
    number: call.e164 ?? call.number,
    startedAt: new Date(call.startedAt).toISOString(),
    answeredAt: call.answeredAt ? new Date(call.answeredAt).toISOString() : null,
    endedAt: new Date(endedAt).toISOString(),
    talkSec: call.answeredAt ? Math.max(0, Math.round((endedAt - call.answeredAt - call.holdMs) / 1000)) : 0,
    holdSec: Math.round(call.holdMs / 1000),
    acwSec: Math.max(0, Math.round((form.savedAt - endedAt) / 1000)),
    disposition: form.disposition,
    notes: form.notes.trim(),
    followUpAt: Number.isFinite(followUpMs) ? new Date(followUpMs).toISOString() : null,
    recordingId: call.recordingId,
  };
}
