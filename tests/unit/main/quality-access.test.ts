// Core refuses quality methods by role before any round trip, by the same permission table
// as the server (docs/quality.md, "Who may do what").
import { describe, expect, it } from 'vitest';
import { methods } from '../../../src/shared/api.js';
import { checkAccess } from '../../../src/main/core/access.js';

const quality = Object.keys(methods).filter((m) => m.startsWith('quality.')) as (keyof typeof methods)[];
const OWN = ['quality.evaluations.mine', 'quality.evaluations.read', 'quality.evaluations.acknowledge', 'quality.evaluations.dispute', 'quality.settings.read', 'quality.trend'];

describe('quality methods in core', () => {
  it('lets an agent read, acknowledge and dispute their own evaluations and nothing else of quality', () => {
    expect(quality.length).toBeGreaterThan(10);
    for (const m of quality) {
      if (OWN.includes(m)) expect(() => checkAccess(m, 'agent')).not.toThrow();
      else expect(() => checkAccess(m, 'agent'), m).toThrow(/needs the role/);
    }
  });

  it('lets leads and admins use every quality method and nobody signed out', () => {
    for (const m of quality) {
      expect(() => checkAccess(m, 'lead')).not.toThrow();
      expect(() => checkAccess(m, 'admin')).not.toThrow();
      expect(() => checkAccess(m, null)).toThrow(/Sign in/);
    }
  });
});
