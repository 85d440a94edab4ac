// Plays a call recording in the timeline. The <audio> element streams it from a local URL
// that core serves (recording.playbackUrl): each Range request goes through core to the
// server with the agent's session, so a long recording starts at once and a seek fetches
// only what it needs. The server refuses roles that may not hear it.
import { Alert, Button } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type ErrorCode } from '../../../shared/errors.js';
import { sapa } from '../../platform/sapa.js';
import { errorCodeOf } from '../../platform/errors.js';

/** Codes with a sentence of their own; any other reads "cannot be played (CODE)". */
const EXPLAINED: readonly ErrorCode[] = ['NOT_FOUND', 'FORBIDDEN', 'OFFLINE', 'CONFLICT', 'UNAUTHENTICATED', 'INTERNAL'];
type Problem = ErrorCode | 'interrupted';

export function RecordingPlayer({ recordingId }: { recordingId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = async () => {
    setLoading(true);
    setProblem(null);
    try {
      setUrl((await sapa().call('recording.playbackUrl', { recordingId })).url);
    } catch (e) {
      setProblem(errorCodeOf(e));
    } finally {
      setLoading(false);
    }
  };

  // The element reports only "it failed", never the status: ask core again, whose answer
  // says why (the server went away, the session ended…), and go back to the Play button.
  const onError = (event: SyntheticEvent<HTMLAudioElement>) => {
    if (event.currentTarget.error === null) return;
    setUrl(null);
    void sapa().call('recording.playbackUrl', { recordingId })
      .then(() => setProblem('interrupted'), (e: unknown) => setProblem(errorCodeOf(e)));
  };

  const message = problem === null ? null
    : problem === 'interrupted' || EXPLAINED.includes(problem) ? t(`softphone.recordingErrors.${problem}`)
      : t('softphone.recordingUnavailable', { code: problem });

  return (
    <>
      {url
        ? <audio controls autoPlay src={url} aria-label={t('softphone.recordingAudio')} data-recording-id={recordingId} onError={onError} />
        : <Button size="compact-xs" variant="light" loading={loading} onClick={() => void load()}>{t('softphone.playRecording')}</Button>}
      {message && <Alert color="red" p={4} role="alert">{message}</Alert>}
    </>
  );
}
