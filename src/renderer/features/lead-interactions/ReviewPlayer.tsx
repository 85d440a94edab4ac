// The review's player: the recording streamed from core's local URL (each seek is one Range
// request, as in the customer's timeline), with a seek bar and speed 1–2× of its own so a
// lead can jump to a moment and listen faster. The server checks who may hear it.
import { Alert, Button, Group, NativeSelect, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../i18n/format.js';
import { errorText } from '../../i18n/error-text.js';
import { sapa } from '../../platform/sapa.js';

export const SPEEDS = [1, 1.25, 1.5, 1.75, 2] as const;

export function ReviewPlayer({ recordingId, durationMs, positionRef }: {
  recordingId: string; durationMs: number | null;
  /** Set to the player's position in ms as it plays (a comment is pinned there). */
  positionRef?: { current: number };
}) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [position, setPosition] = useState(0);
  const [length, setLength] = useState((durationMs ?? 0) / 1000);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);

  useEffect(() => {
    let live = true;
    sapa().call('recording.playbackUrl', { recordingId }).then((r) => { if (live) setUrl(r.url); }, (e: unknown) => { if (live) setError(e); });
    return () => { live = false; };
  }, [recordingId]);
  useEffect(() => { if (audio.current) audio.current.playbackRate = speed; }, [speed, url]);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch((e: unknown) => setError(e));
    else el.pause();
  };
  const seek = (seconds: number) => {
    if (audio.current) audio.current.currentTime = seconds;
    setPosition(seconds);
    if (positionRef) positionRef.current = seconds * 1000;
  };

  if (error) return <Alert color="red" role="alert" p={6}>{errorText(t, error)}</Alert>;
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      {url && (
        <audio ref={audio} src={url} preload="metadata" aria-label={t('softphone.recordingAudio')} data-recording-id={recordingId}
          onLoadedMetadata={(e) => { if (Number.isFinite(e.currentTarget.duration)) setLength(e.currentTarget.duration); e.currentTarget.playbackRate = speed; }}
          onTimeUpdate={(e) => { setPosition(e.currentTarget.currentTime); if (positionRef) positionRef.current = e.currentTarget.currentTime * 1000; }}
          onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} onEnded={() => setPlaying(false)}
          onError={() => setError(new Error('playback'))} />
      )}
      <Button size="xs" w={80} onClick={toggle} disabled={!url}>{playing ? t('leadInteractions.review.pause') : t('leadInteractions.review.play')}</Button>
      <Text size="xs" ff="monospace" aria-hidden="true">{formatDuration(position)}</Text>
      <input type="range" className="sapa-review-seek" min={0} max={Math.max(1, Math.floor(length))} step={1} value={Math.floor(position)}
        aria-label={t('leadInteractions.review.position')} aria-valuetext={`${formatDuration(position)} / ${formatDuration(length)}`}
        disabled={!url} onChange={(e) => seek(Number(e.currentTarget.value))} style={{ flex: 1, minWidth: 160 }} />
      <Text size="xs" ff="monospace" aria-hidden="true">{formatDuration(length)}</Text>
      <NativeSelect size="xs" w={90} label={t('leadInteractions.review.speed')} value={String(speed)}
        data={SPEEDS.map((s) => ({ value: String(s), label: `${s}×` }))} onChange={(e) => setSpeed(Number(e.currentTarget.value))} />
    </Group>
  );
}
