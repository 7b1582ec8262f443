import type { InterviewState } from '@interview/contracts/api';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../../api/client';
import type { Room } from './useRoomState';

/** How long to wait for the socket's reply before letting the candidate try again. */
const REPLY_TIMEOUT_MS = 15_000;

/**
 * Submits a typed answer: over the socket when it is open (the new state arrives as a frame and
 * replaces this item), else POST …/submit. A refusal shows its message and refreshes the state.
 */
export function useSubmit(room: Pick<Room, 'send' | 'subscribe' | 'applyState' | 'refresh'>, interviewId: string, itemId: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(
    () =>
      room.subscribe((msg) => {
        if (msg.type === 'error' && pending) {
          clearTimeout(timer.current);
          setPending(false);
          setError(new ApiError(409, msg.code, msg.message));
          void room.refresh();
        }
      }),
    [room.subscribe, room.refresh, pending],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const submit = async (text: string) => {
    setError(null);
    setPending(true);
    if (room.send({ type: 'answer.submit', itemId, text })) {
      timer.current = setTimeout(() => {
        setPending(false);
        setError(new ApiError(0, 'no_reply', 'No reply from the server yet. Your draft is saved; try submitting again.'));
        void room.refresh();
      }, REPLY_TIMEOUT_MS);
      return;
    }
    try {
      const res = await api.post<{ replayed: boolean; state: InterviewState }>(`/api/interviews/${interviewId}/items/${itemId}/submit`, {
        text,
      });
      room.applyState(res.state);
    } catch (err) {
      setError(err);
      setPending(false);
      void room.refresh();
    }
  };
  return { submit, pending, error };
}
