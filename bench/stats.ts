// Small helpers for benchmark figures: percentiles over measured durations.
import { performance } from 'node:perf_hooks';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function percentiles(samplesMs: number[]): Percentiles {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

/** Runs `fn` once per input, sequentially, and returns the durations in ms. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await fn(input);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** A deterministic pseudo-random generator (mulberry32) so runs pick the same samples. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: T[], n: number, random: () => number): T[] {
  return Array.from({ length: n }, () => items[Math.floor(random() * items.length)]!);
}
