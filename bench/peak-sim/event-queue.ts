// The simulation's agenda: events ordered by simulated time (ties in the order they were
// scheduled), a binary heap so a few tens of thousands pending stay cheap. An event may name
// a lane (a call): events of one lane never run at the same time (see simulation.ts).
export interface SimEvent {
  at: number;
  seq: number;
  lane: string | null;
  run: () => Promise<void>;
}

export class EventQueue {
  private heap: SimEvent[] = [];
  private seq = 0;

  get size(): number { return this.heap.length; }

  /** The time of the next event (undefined: none). */
  peek(): number | undefined { return this.heap[0]?.at; }

  schedule(at: number, run: () => Promise<void>, lane: string | null = null): void {
    const e = { at, seq: this.seq++, lane, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(e, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
  }

  next(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let best = last;
      if (l < h.length && before(h[l]!, best)) { m = l; best = h[l]!; }
      if (r < h.length && before(h[r]!, best)) { m = r; best = h[r]!; }
      if (m === i) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
