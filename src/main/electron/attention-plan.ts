// What the shell does for an attention request (pure, tested in Node): nothing while the
// agent looks at Sapa (the card and the ringer are enough), else a system notification and
// the platform's own attention signal — the taskbar flash on Windows and Linux, the dock
// bounce on macOS. Never focus: the agent may be typing in another window.
export interface AttentionPlan {
  notify: boolean;
  flashFrame: boolean;
  dockBounce: boolean;
}

export function attentionPlan(platform: NodeJS.Platform, window: { focused: boolean; visible: boolean; minimized: boolean }): AttentionPlan {
  const looking = window.focused && window.visible && !window.minimized;
  if (looking) return { notify: false, flashFrame: false, dockBounce: false };
  const mac = platform === 'darwin';
  return { notify: true, flashFrame: !mac, dockBounce: mac };
}
