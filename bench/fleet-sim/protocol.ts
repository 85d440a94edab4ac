// Messages between the fleet simulator's coordinator (main.ts) and its desktop workers.

export interface WorkerStart {
  type: 'start';
  url: string;
  password: string;
  desktops: { idx: number; username: string }[];
  /** Where every desktop's cursor starts: the head after seeding (their first sync done before). */
  cursor: number;
  intervalMs: number;
  loginConcurrency: number;
}

export type ToWorker = WorkerStart | { type: 'go' } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; signedInMs: number; liveMs: number }
  | { type: 'failed'; error: string }
  /** seen: [desktop, row id, epoch ms the pull returned it]; pokes: [desktop, epoch ms]. */
  | { type: 'events'; seen: [number, string, number][]; pokes: [number, number][]; pulls: number; emptyPulls: number; pullMs: number[]; errors: Record<string, number> }
  | { type: 'done'; desktops: { idx: number; rows: number; hash: number; cursor: number }[] };
