// recording.playbackUrl: the renderer's way to a recording's local streaming URL. The
// streaming itself is core/recordings/playback; the hosts serve its URL.
import { type HandlerMap } from '../context.js';
import { type RecordingPlayback } from '../recordings/playback/playback.js';

export function createPlaybackHandlers(playback: RecordingPlayback): HandlerMap<'recording.playbackUrl'> {
  return {
    'recording.playbackUrl': ({ recordingId }) => playback.link(recordingId),
  };
}
