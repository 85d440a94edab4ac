// The review's timeline from what the server stores of a call: its start, answer and end
// (interactions, call_details), what the agent's desktop recorded while it happened
// (call_events: screen pop shown, holds and resumes, transfers, paragraphs inserted, the
// wrap-up saved), the agent's recording pauses (recordings.pauses, at a position in the
// recording), the agent's state changes while on it (cc_events), the wrap-up's end when
// the desktop did not record it (ended + after-call work) and a follow-up set.
import { type RecordingPause } from '../../shared/softphone.js';
import { type TimelineEvent } from '../../shared/lead-interactions.js';
import { type Db } from '../db/db.js';
import { iso, type Timestamp } from '../db/timestamps.js';

export interface TimelineFacts {
  interactionId: string;
  agentId: string | null;
  startedAt: string;
  endedAt: string | null;
  call: { answeredAt: string | null; acwSec: number; followUpAt: string | null } | null;
  pauses: RecordingPause[];
}

/** Agent state changes this long before the start or after the wrap-up still belong to the call. */
const MARGIN_MS = 5_000;
const MAX_STATE_EVENTS = 100;
const MAX_DESKTOP_EVENTS = 500;

const timed = (kind: TimelineEvent['kind'], at: string, detail: string | null = null): TimelineEvent => ({ kind, at, atMs: null, detail });

export async function timelineOf(db: Db, facts: TimelineFacts): Promise<TimelineEvent[]> {
  const end = facts.endedAt === null ? null : new Date(Date.parse(facts.endedAt) + (facts.call?.acwSec ?? 0) * 1000).toISOString();
  const events: TimelineEvent[] = [timed('started', facts.startedAt)];
  if (facts.call?.answeredAt) events.push(timed('answered', facts.call.answeredAt));
  if (facts.agentId && end) {
    const states = await db.query<{ at: Timestamp; detail: { from?: string; to?: string } }>(
      `SELECT at, detail FROM cc_events WHERE event = 'agent_state' AND agent_id = $1
         AND at BETWEEN $2::timestamptz - make_interval(secs => $4) AND $3::timestamptz + make_interval(secs => $4)
       ORDER BY at, id LIMIT ${MAX_STATE_EVENTS}`, [facts.agentId, facts.startedAt, end, MARGIN_MS / 1000]);
    for (const s of states) events.push(timed('agent_state', iso(s.at), `${s.detail.from ?? '?'} → ${s.detail.to ?? '?'}`));
  }
  let wrapUpSaved = false;
  if (facts.agentId) {
    // Only the agent's own events: anyone may push events for an id before its interaction exists.
    const desktop = await db.query<{ kind: TimelineEvent['kind']; at: Timestamp; detail: string | null }>(
      `SELECT kind, at, detail FROM call_events WHERE interaction_id = $1 AND author_id = $2
       ORDER BY at, id LIMIT ${MAX_DESKTOP_EVENTS}`, [facts.interactionId, facts.agentId]);
    for (const d of desktop) {
      events.push(timed(d.kind, iso(d.at), d.detail));
      if (d.kind === 'wrap_up_saved') wrapUpSaved = true;
    }
  }
  if (facts.endedAt) events.push(timed('ended', facts.endedAt));
  if (!wrapUpSaved && end && facts.call && facts.call.acwSec > 0) events.push(timed('wrap_up_done', end));
  // Stable: events at the same millisecond keep the order they were pushed in above.
  events.sort((a, b) => Date.parse(a.at ?? '') - Date.parse(b.at ?? ''));
  if (facts.call?.followUpAt) events.push(timed('follow_up_set', facts.call.followUpAt));
  // Pauses are positions in the recording, not wall-clock times: listed after the clock events.
  for (const p of facts.pauses) {
    events.push({ kind: 'recording_paused', at: null, atMs: p.atMs, detail: null });
    if (p.resumedAtMs !== null) events.push({ kind: 'recording_resumed', at: null, atMs: p.resumedAtMs, detail: null });
  }
  return events;
}
