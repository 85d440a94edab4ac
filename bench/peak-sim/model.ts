// The peak's traffic model: how calls arrive and how long people take, drawn from a seeded
// generator so every run of the bench replays the same day. The figures are the usual ones
// for an inbound hotline (Erlang-C and abandonment studies): Poisson arrivals, log-normal
// talk times (skewed: most calls short, a long tail of hard ones), exponential patience.
import { rng } from '../stats.js';

export interface TrafficModel {
  /** Mean arrivals per second (Poisson). */
  callsPerSecond: number;
  /** Talk time, log-normal: mean and standard deviation in seconds (150 s: the 2.5-minute AHT target). */
  talkMeanSec: number;
  talkSdSec: number;
  /** After-call work the desktop takes before it says "available" again, uniform. */
  wrapUpMinSec: number;
  wrapUpMaxSec: number;
  /** How long a caller waits before hanging up, exponential. */
  patienceMeanSec: number;
  /** The agent's phone rings this long before they pick up, uniform. */
  ringMinSec: number;
  ringMaxSec: number;
  /** Chance an agent does not pick up at all (the offer runs out: a miss). */
  missProbability: number;
  /** An agent set "not ready" after missed offers clicks "ready" again after this long, uniform. */
  backFromMissMinSec: number;
  backFromMissMaxSec: number;
}

export const PEAK_MODEL: Omit<TrafficModel, 'callsPerSecond'> = {
  talkMeanSec: 150, talkSdSec: 90,
  wrapUpMinSec: 10, wrapUpMaxSec: 20,
  patienceMeanSec: 90,
  ringMinSec: 2, ringMaxSec: 6,
  missProbability: 0.02,
  backFromMissMinSec: 20, backFromMissMaxSec: 60,
};

export interface Draws {
  uniform(min: number, max: number): number;
  exponential(mean: number): number;
  logNormal(mean: number, sd: number): number;
  chance(p: number): boolean;
  random(): number;
}

export function draws(seed: number): Draws {
  const random = rng(seed);
  const normal = (): number => {
    // Box–Muller; 1 - u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    random,
    uniform: (min, max) => min + (max - min) * random(),
    exponential: (mean) => -mean * Math.log(1 - random()),
    logNormal(mean, sd) {
      // The underlying normal's parameters that give this mean and sd on the log-normal.
      const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
      return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * normal());
    },
    chance: (p) => random() < p,
  };
}
