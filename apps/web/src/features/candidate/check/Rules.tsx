import type { InterviewState } from '@interview/contracts/api';
import { formatLimit } from '../../../ui/format';

/** How the interview works, and its questions' time limits (the questions themselves stay hidden until they start). */
export function Rules({ state }: { state: InterviewState }) {
  const questions = state.items.filter((i) => i.kind === 'question');
  return (
    <>
      <ul>
        <li>
          <strong>Server-timed.</strong> Each question has its own time limit, and the whole interview has{' '}
          {formatLimit(state.totalTimeLimitSec)}. The clock runs on our server, so it keeps running if you close or reload the page.
        </li>
        <li>
          <strong>Autosave.</strong> Your answer is saved as you write. If time runs out, your last saved draft is submitted for you.
        </li>
        <li>
          <strong>One attempt.</strong> Once you submit an answer you cannot change it, and each question can be answered only once.
        </li>
        {state.followupsPerQuestion > 0 && (
          <li>
            <strong>Follow-ups.</strong> After an answer you may get up to {state.followupsPerQuestion} short follow-up question
            {state.followupsPerQuestion === 1 ? '' : 's'} about something you did not cover.
          </li>
        )}
        <li>
          <strong>Answer by</strong>{' '}
          {state.answerModes.includes('spoken') && state.answerModes.includes('typed')
            ? 'typing or speaking'
            : state.answerModes.includes('spoken')
              ? 'speaking'
              : 'typing'}
          .
        </li>
        <li>
          {state.mode === 'practice'
            ? 'This is practice: you see your scores and feedback as soon as grading finishes.'
            : 'This is an assessment: results are shown after a reviewer releases them.'}
        </li>
      </ul>
      <h3>
        {questions.length} question{questions.length === 1 ? '' : 's'}
      </h3>
      <ol className="limits">
        {questions.map((q, i) => (
          <li key={q.id}>
            Question {i + 1}: {formatLimit(q.timeLimitSec)}
          </li>
        ))}
      </ol>
    </>
  );
}
