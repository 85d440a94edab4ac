import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/shared/domain.js';
import { ACTIONS, can, rolesFor } from '../../../src/shared/permissions.js';

describe('the permission table', () => {
  it('lets an agent work the single screen but not the lead console or administration', () => {
    expect(can('agent', 'customers.read')).toBe(true);
    expect(can('agent', 'calls.handle')).toBe(true);
    expect(can('agent', 'recordings.playOwn')).toBe(true);
    expect(can('agent', 'recordings.playAny')).toBe(false);
    expect(can('agent', 'floor.view')).toBe(false);
    expect(can('agent', 'floor.monitor')).toBe(false);
    expect(can('agent', 'users.manage')).toBe(false);
  });

  it('lets everyone sign themselves out everywhere, only an admin end another user\'s sessions', () => {
    for (const role of ROLES) expect(can(role, 'sessions.revokeOwn')).toBe(true);
    expect(rolesFor('sessions.revokeAny')).toEqual(['admin']);
  });

  it('lets a lead run the floor and the reply library but not administration', () => {
    expect(can('lead', 'floor.view')).toBe(true);
    expect(rolesFor('floor.monitor')).toEqual(['lead', 'admin']);
    expect(can('lead', 'replies.manage')).toBe(true);
    expect(can('lead', 'customers.import')).toBe(false);
    expect(can('lead', 'settings.manage')).toBe(false);
  });

  it('lets only an admin purge recordings (retention deletes evidence)', () => {
    expect(rolesFor('recordings.purge')).toEqual(['admin']);
  });

  it('lets an admin do everything, and a signed-out user nothing', () => {
    for (const action of ACTIONS) {
      expect(can('admin', action)).toBe(true);
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it('names only known roles', () => {
    for (const action of ACTIONS) for (const role of rolesFor(action)) expect(ROLES).toContain(role);
  });
});
