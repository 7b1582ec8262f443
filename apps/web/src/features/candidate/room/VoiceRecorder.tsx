import { formatClock } from '../../../ui/format';
import { ErrorNote } from '../../../ui/page';
import { UPLOAD_MARGIN_MS, type VoiceAnswer } from './useVoiceAnswer';

/** The recording controls: record, stop, re-record or discard, listen back, upload progress and live captions. */
export function VoiceRecorder({
  voice,
  leftMs,
  disabled,
  itemId,
}: {
  voice: VoiceAnswer;
  leftMs: number;
  disabled: boolean;
  itemId: string;
}) {
  const { rec, captions, progress } = voice;
  return (
    <section className="voice stack" aria-labelledby={`voice-${itemId}`}>
      <h3 id={`voice-${itemId}`}>Answer by speaking</h3>
      <p className="voice-status" aria-live="polite">
        {rec.state === 'requesting' && 'Waiting for microphone permission…'}
        {rec.state === 'recording' && `Recording… ${formatClock(rec.elapsedMs)}. Live captions appear in the answer box.`}
        {rec.state === 'recorded' &&
          rec.recording &&
          `Recorded ${formatClock(rec.recording.durationMs)}. Listen back, re-record, or press “Submit answer” to send the recording.`}
        {rec.state === 'idle' &&
          'Press “Record answer” and speak. Recording replaces the text in the answer box and stops by itself before time runs out.'}
        {rec.state === 'denied' && 'Microphone access was denied. Allow it in your browser’s site settings, or type your answer instead.'}
        {rec.state === 'error' && 'The microphone could not be started here. Type your answer instead.'}
      </p>
      <div className="row">
        {rec.state === 'recording' ? (
          <button type="button" className="primary" onClick={voice.stop}>
            <span aria-hidden="true" className="rec-dot" /> Stop recording
          </button>
        ) : rec.state === 'recorded' ? (
          <>
            <button type="button" onClick={voice.record} disabled={disabled || voice.uploading}>
              Re-record
            </button>
            <button type="button" onClick={voice.discard} disabled={voice.uploading}>
              Discard recording
            </button>
          </>
        ) : (
          <button type="button" onClick={voice.record} disabled={disabled || rec.state === 'requesting' || leftMs <= UPLOAD_MARGIN_MS}>
            Record answer
          </button>
        )}
      </div>
      {rec.recording && (
        // biome-ignore lint/a11y/useMediaCaption: a playback of the candidate's own voice; its live captions are in the answer box
        <audio controls src={rec.recording.url} aria-label="Your recording" />
      )}
      {progress !== null && (
        <div className="upload">
          <label>
            Upload progress
            <progress max={1} value={progress} />
          </label>
          <span aria-live="polite">{Math.round(progress * 100)}%</span>
        </div>
      )}
      <ErrorNote error={voice.error} />
      {!captions.supported || captions.failed ? (
        <p className="muted">
          {captions.failed ?? 'Live captions are not available in this browser; your recording is transcribed after upload.'}
        </p>
      ) : null}
    </section>
  );
}
