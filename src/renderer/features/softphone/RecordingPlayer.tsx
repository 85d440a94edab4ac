// Plays a call recording in the timeline. The audio comes through core, which reads it
// from the server in HTTP ranges (and the server refuses roles that may not hear it); it
// plays from a local blob, so seeking is instant.
import { Alert, Button } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';

export function RecordingPlayer({ recordingId }: { recordingId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);
  if (url) return <audio controls src={url} aria-label={t('softphone.recordingAudio')} data-recording-id={recordingId} />;
  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      const audio = await sapa().call('recording.audio', { recordingId });
      const bytes = Uint8Array.from(atob(audio.data), (c) => c.charCodeAt(0));
      setUrl(URL.createObjectURL(new Blob([bytes], { type: audio.mime })));
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Button size="compact-xs" variant="light" loading={loading} onClick={() => void load()}>{t('softphone.playRecording')}</Button>
      {error && <Alert color="red" p={4} role="alert">{t('softphone.recordingUnavailable', { code: error })}</Alert>}
    </>
  );
}
