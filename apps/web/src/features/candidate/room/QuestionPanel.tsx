import type { InterviewItem, InterviewState } from '@interview/contracts/api';
import { useEffect, useId, useRef } from 'react';
import { ErrorNote } from '../../../ui/page';
import { canRecord } from '../media';
import { AutosaveIndicator } from './AutosaveIndicator';
import { Countdown } from './Countdown';
import { QuestionText } from './QuestionText';
import { type Position, positionLabel, previousTimedOut } from './state';
import { useAutosave } from './useAutosave';
import { useCountdown } from './useCountdown';
import type { Room } from './useRoomState';
import { useSubmit } from './useSubmit';
import { useVoiceAnswer } from './useVoiceAnswer';
import { VoiceRecorder } from './VoiceRecorder';

/** Save the draft this long before the deadline, so the server submits the latest words. */
const FINAL_SAVE_MS = 3000;
const MAX_CHARS = 20_000;

interface Props {
  room: Room;
  state: InterviewState;
  item: InterviewItem;
  position: Position;
}

/**
 * The open question: heading (focused when it starts), prompt, countdown and the answer. One
 * "Submit answer" sends the recording when there is one, else the typed text.
 */
export function QuestionPanel({ room, state, item, position }: Props) {
  const left = useCountdown(item.deadlineAt, room.offsetMs);
  const timeUp = left !== null && left <= 0;
  const draft = useAutosave(room, state.id, item, !timeUp);
  const typed = useSubmit(room, state.id, item.id);
  const voice = useVoiceAnswer({
    interviewId: state.id,
    itemId: item.id,
    leftMs: left ?? 0,
    onCaptions: draft.setText,
    onSubmitted: room.applyState,
  });
  const typedAllowed = state.answerModes.includes('typed');
  const spoken = state.answerModes.includes('spoken') && canRecord();
  const answerId = useId();
  const recording = voice.rec.state === 'recording';
  const hasRecording = voice.rec.state === 'recorded' && voice.rec.recording !== null;
  const busy = typed.pending || voice.uploading;

  const finalSaved = useRef(false);
  useEffect(() => {
    if (left !== null && left <= FINAL_SAVE_MS && !finalSaved.current) {
      finalSaved.current = true;
      void draft.flush();
    }
  }, [left, draft.flush]);

  const canSubmit = !timeUp && !busy && !recording && (hasRecording || (typedAllowed && draft.text.trim() !== ''));
  const submit = () => {
    if (!canSubmit) return;
    if (hasRecording) void voice.upload();
    else void typed.submit(draft.text);
  };

  return (
    <section className="question card" aria-labelledby={`q-${item.id}`}>
      <QuestionText item={item} headingId={`q-${item.id}`} position={positionLabel(position)} />
      <Countdown left={left} itemId={item.id} label="Time left for this question:" />

      {previousTimedOut(state, item) && !timeUp && (
        <p className="notice">Time ran out on the previous question, so your last saved draft was submitted for it.</p>
      )}
      {timeUp && (
        <p className="notice" role="status">
          Time is up — your last saved draft was submitted. Waiting for the next question…
        </p>
      )}

      <form
        className="form answer-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {!typedAllowed && !spoken && (
          <p className="notice">Recording is not available in this browser. What you type is saved and submitted when the time runs out.</p>
        )}
        <label htmlFor={answerId}>Your answer</label>
        <textarea
          id={answerId}
          value={draft.text}
          onChange={(e) => draft.setText(e.target.value)}
          readOnly={timeUp || recording || busy}
          maxLength={MAX_CHARS}
          aria-describedby={`${answerId}-hint`}
        />
        <p id={`${answerId}-hint`} className="muted hint">
          {recording ? 'Live captions of your recording. ' : 'Saved automatically as you type. '}
          {draft.text.length > MAX_CHARS - 2000 ? `${MAX_CHARS - draft.text.length} characters left.` : ''}
        </p>
        {spoken && <VoiceRecorder voice={voice} leftMs={left ?? 0} disabled={timeUp || typed.pending} itemId={item.id} />}
        <ErrorNote error={typed.error} />
        {(typedAllowed || spoken) && (
          <div className="row">
            <button type="submit" className="primary" disabled={!canSubmit}>
              {busy ? 'Submitting…' : 'Submit answer'}
            </button>
            <span className="muted">{hasRecording ? 'Sends your recording.' : recording ? 'Stop recording first.' : ''}</span>
          </div>
        )}
      </form>
      <AutosaveIndicator status={draft.status} connected={room.connection === 'open'} />
    </section>
  );
}
