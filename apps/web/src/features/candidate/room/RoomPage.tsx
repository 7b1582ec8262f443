import type { InterviewState } from '@interview/contracts/api';
import { useEffect } from 'react';
import { Navigate, useParams } from 'react-router';
import { formatClock } from '../../../ui/format';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { ConnectionBanner } from './ConnectionBanner';
import { clearBackup } from './draftBackup';
import { FinishInterview } from './FinishInterview';
import { ProgressList } from './ProgressList';
import { QuestionPanel } from './QuestionPanel';
import { Submitted } from './Submitted';
import { currentItem, isOver, positionOf } from './state';
import { useCountdown } from './useCountdown';
import { type Room, useRoomState } from './useRoomState';
import '../candidate.css';
import './room.css';

/** `/interviews/:id/room`: the live interview, driven by the server's state. */
export default function RoomPage() {
  const { id = '' } = useParams();
  const room = useRoomState(id);
  const { state } = room;

  // Device copies of drafts are only needed while their item is open.
  useEffect(() => {
    for (const item of state?.items ?? []) if (item.status !== 'presented') clearBackup(item.id);
  }, [state]);

  if (state?.status === 'scheduled') return <Navigate to={`/interviews/${id}/check`} replace />;
  if (state && isOver(state))
    return state.resultsAvailable ? <Navigate to={`/interviews/${id}/results`} replace /> : <Submitted state={state} />;
  // One Page for loading and live, so its heading focus runs once and the question heading keeps focus after.
  return (
    <Page title="Interview room" actions={state && <FinishInterview interviewId={state.id} onFinished={room.applyState} />}>
      {state ? (
        <Live room={room} state={state} />
      ) : room.error ? (
        <ErrorNote error={room.error} />
      ) : (
        <Loading label="Joining the interview…" />
      )}
    </Page>
  );
}

function Live({ room, state }: { room: Room; state: InterviewState }) {
  const item = currentItem(state);
  const interviewLeft = useCountdown(state.deadlineAt, room.offsetMs);
  return (
    <>
      <ConnectionBanner connection={room.connection} attempt={room.attempt} onRetry={room.reconnect} />
      <ErrorNote error={room.error} />
      <p className="room-meta">
        <strong>{state.template.name}</strong> · {state.mode === 'practice' ? 'Practice' : 'Assessment'}
        {interviewLeft !== null && (
          <span>
            {' '}
            · Interview time left: <span className="nowrap">{formatClock(interviewLeft)}</span>
          </span>
        )}
      </p>
      <div className="room-layout">
        <div>
          {item ? (
            <QuestionPanel key={item.id} room={room} state={state} item={item} position={positionOf(state, item)} />
          ) : (
            <p className="card" role="status">
              Preparing the next question…
            </p>
          )}
        </div>
        <aside aria-labelledby="room-progress" className="room-side">
          <h2 id="room-progress">Progress</h2>
          <ProgressList state={state} />
        </aside>
      </div>
    </>
  );
}
