// Injected by bench/softphone-bench.ts into the agent's page before the app loads (plain
// script, not bundled), so the screen pop is timed independently of the app's own marks:
// the arrival of each SIP INVITE on the proxy's WebSocket (the message event, before
// sip.js sees it), when each screen-pop lookup left on the desktop API socket (/sapa) and
// when its answer came back, and the page's long animation frames (≥ 50 ms).
(() => {
  const trace = { invites: [], lookups: {}, frames: [] };
  window.__sapaBenchTrace = trace;
  const Native = window.WebSocket;
  const callIdOf = (text) => (/^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im.exec(text) || [])[1];
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const api = String(url).endsWith('/sapa');
      // Added in the constructor: runs before the app's own message listeners.
      this.addEventListener('message', (e) => {
        const at = performance.now();
        if (typeof e.data !== 'string') return;
        if (!api) {
          if (e.data.startsWith('INVITE ')) trace.invites.push({ at, callId: callIdOf(e.data) });
          return;
        }
        const m = /^\{"kind":"(?:result|error)","id":(\d+)/.exec(e.data);
        if (m && trace.lookups[m[1]]) trace.lookups[m[1]].receivedAt = at;
      });
    }

    send(data) {
      if (typeof data === 'string') {
        const m = /^\{"id":(\d+),"method":"customers\.lookupByPhone"/.exec(data);
        if (m) trace.lookups[m[1]] = { id: Number(m[1]), sentAt: performance.now(), epochOffset: performance.timeOrigin };
      }
      super.send(data);
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) trace.frames.push({ start: f.startTime, duration: f.duration });
      if (trace.frames.length > 1000) trace.frames.splice(0, 500);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // no long-animation-frame entries in this browser
  }
})();
