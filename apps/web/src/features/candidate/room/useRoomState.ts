import type { InterviewState, ServerMessage } from '@interview/contracts/api';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { fetchInterview, keys } from '../api';
import { isNewer, isOver, withItem } from './state';
import { useRoomSocket } from './useRoomSocket';

export type RoomListener = (msg: ServerMessage) => void;
const POLL_MS = 4000;

/**
 * The room's live state. The WebSocket is the main channel; while it is down the state is polled
 * over REST so the room still advances. `offsetMs` is server clock minus client clock, so a
 * countdown shows the server's deadline whatever the device's clock says.
 */
export function useRoomState(interviewId: string) {
  const client = useQueryClient();
  const [state, setState] = useState<InterviewState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const listeners = useRef(new Set<RoomListener>());
  const over = state ? isOver(state) : false;

  const applyState = useCallback(
    (next: InterviewState, serverNow = next.serverNow) => {
      setOffsetMs(Date.parse(serverNow) - Date.now());
      setState((current) => (isNewer(next, current) ? next : current));
      client.setQueryData(keys.interview(next.id), next);
    },
    [client],
  );

  const onMessage = useCallback(
    (msg: ServerMessage) => {
      if (msg.type === 'state') applyState(msg.state);
      else if (msg.type === 'item.started' || msg.type === 'followup') {
        setOffsetMs(Date.parse(msg.serverNow) - Date.now());
        setState((current) => (current ? withItem(current, msg.item) : current));
      } else if (msg.type === 'pong') {
        // The ping carried our send time: the server's clock is read half a round trip later.
        const now = Date.now();
        const sentAt = msg.t ?? now;
        setOffsetMs(Date.parse(msg.serverNow) - (sentAt + now) / 2);
      } else if (msg.type === 'grade.ready' || msg.type === 'transcript.ready') {
        void client.invalidateQueries({ queryKey: keys.results(interviewId) });
      }
      for (const listener of listeners.current) listener(msg);
    },
    [applyState, client, interviewId],
  );

  const socket = useRoomSocket(interviewId, !over, onMessage);

  const refresh = useCallback(async () => {
    try {
      applyState(await fetchInterview(interviewId));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [applyState, interviewId]);

  // The first state comes over REST too, so the room shows even if the socket cannot connect.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  // REST fallback: while the socket is down, poll so deadlines and the next question still arrive.
  const gone = error instanceof ApiError && [401, 403, 404].includes(error.status);
  useEffect(() => {
    if (socket.connection === 'open' || over || gone) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [socket.connection, over, gone, refresh]);

  const subscribe = useCallback((listener: RoomListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return { state, error, offsetMs, applyState, refresh, subscribe, ...socket };
}
export type Room = ReturnType<typeof useRoomState>;
