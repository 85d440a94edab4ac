// The customer's page, live: rrweb's Replayer in live mode fed with the relayed events.
// The replay runs in rrweb's sandboxed iframe (no scripts run in it; the renderer's CSP
// applies too, so nothing of the customer's site is fetched beyond what the events carry).
// It is scaled to the width of the panel. In point mode a click on the page sends that
// element's rrweb id to the customer's page, which highlights it.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { Replayer } from 'rrweb';
import { type eventWithTime } from '@rrweb/types';
import 'rrweb/dist/style.css';

export interface LiveReplayHandle {
  add(events: readonly unknown[]): void;
}

export function LiveReplay({ ref, label, pointing, onPoint }: {
  ref: Ref<LiveReplayHandle>; label: string; pointing: boolean; onPoint(nodeId: number): void;
}) {
  const outer = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const replayer = useRef<Replayer | null>(null);
  const size = useRef({ width: 1024, height: 768 });
  const pointingRef = useRef(pointing);
  const onPointRef = useRef(onPoint);
  pointingRef.current = pointing;
  onPointRef.current = onPoint;

  const fit = (): void => {
    const box = outer.current;
    const wrapper = root.current;
    if (!box || !wrapper) return;
    const scale = Math.min(1, box.clientWidth / size.current.width);
    wrapper.style.transform = `scale(${scale})`;
    wrapper.style.transformOrigin = '0 0';
    box.style.height = `${Math.ceil(size.current.height * scale)}px`;
  };

  useImperativeHandle(ref, () => ({
    add(events) {
      const list = events as eventWithTime[];
      if (list.length === 0 || !root.current) return;
      let r = replayer.current;
      if (!r) {
        r = new Replayer([], { root: root.current, liveMode: true, mouseTail: false, UNSAFE_replayCanvas: false, showWarning: false });
        r.on('resize', (d) => {
          const dim = d as { width: number; height: number };
          size.current = { width: dim.width, height: dim.height };
          fit();
        });
        r.startLive(list[0]?.timestamp);
        replayer.current = r;
        attachPointer(r);
      }
      for (const e of list) r.addEvent(e);
    },
  }), []);

  function attachPointer(r: Replayer): void {
    const onClick = (e: MouseEvent): void => {
      if (!pointingRef.current) return;
      e.preventDefault();
      e.stopPropagation();
      const id = r.getMirror().getId(e.target as Node);
      if (id > 0) onPointRef.current(id);
    };
    // The replayer rebuilds the document on each full snapshot (the customer's next page),
    // which drops its listeners: listen again each time (removing first keeps it one).
    const listen = (): void => {
      const doc = r.iframe.contentDocument;
      doc?.removeEventListener('click', onClick, true);
      doc?.addEventListener('click', onClick, true);
    };
    r.on('fullsnapshot-rebuilded', listen);
    listen();
  }

  useEffect(() => {
    const r = replayer.current;
    if (r) {
      if (pointing) r.enableInteract();
      else r.disableInteract();
    }
  }, [pointing]);

  useEffect(() => {
    const observer = new ResizeObserver(fit);
    if (outer.current) observer.observe(outer.current);
    return () => {
      observer.disconnect();
      replayer.current?.destroy();
      replayer.current = null;
    };
  }, []);

  return (
    <div ref={outer} role="region" aria-label={label} className="sapa-cobrowse-view" style={{ overflow: 'hidden', position: 'relative', cursor: pointing ? 'crosshair' : 'default' }}>
      <div ref={root} />
    </div>
  );
}
