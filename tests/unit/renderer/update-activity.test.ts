// What the renderer reports to core about calls and typing before an update may restart.
import { describe, expect, it } from 'vitest';
import { callPhaseOf, differs, isEditableTarget } from '../../../src/renderer/features/updates/activity.js';

const call = (state: 'ringing' | 'dialing' | 'active' | 'ended', held = false) => ({ state, held });

describe('callPhaseOf', () => {
  it('is none with no call and no wrap-up, and ignores ended calls', () => {
    expect(callPhaseOf([], [])).toBe('none');
    expect(callPhaseOf([call('ended')], [])).toBe('none');
  });
  it('names the busiest call: talking over hold over ringing (or dialling) over an open wrap-up', () => {
    expect(callPhaseOf([call('ringing'), call('active', true), call('active')], [{}])).toBe('talking');
    expect(callPhaseOf([call('ringing'), call('active', true)], [{}])).toBe('hold');
    expect(callPhaseOf([call('dialing')], [{}])).toBe('ringing');
    expect(callPhaseOf([], [{}])).toBe('wrap-up');
  });
});

describe('the activity report', () => {
  const base = { call: 'none' as const, keystrokeAgoMs: null, unsavedDraft: false, importing: false };
  it('is sent again when the call, the draft or an import changes, not for a keystroke alone', () => {
    expect(differs(null, base)).toBe(true);
    expect(differs(base, { ...base, keystrokeAgoMs: 10 })).toBe(false);
    expect(differs(base, { ...base, call: 'ringing' })).toBe(true);
    expect(differs(base, { ...base, unsavedDraft: true })).toBe(true);
    expect(differs(base, { ...base, importing: true })).toBe(true);
  });
  it('counts keystrokes only in text fields', () => {
    expect(isEditableTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isEditableTarget({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
