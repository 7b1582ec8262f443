import type { ClientMessage, ServerMessage } from '@interview/contracts/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { encode, parseServerMessage } from './messages';

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Close codes after which retrying cannot help (the interview is gone or not ours). */
const FINAL_CODES = new Set([4401, 4403, 4404, 1008]);
const PING_MS = 20_000;

/** 0.5 s, 1 s, 2 s, 4 s, 8 s, then 15 s, with ±25 % jitter so many rooms do not reconnect in step. */
export const backoffMs = (attempt: number) => Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

export const roomSocketUrl = (interviewId: string) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/interviews/${encodeURIComponent(interviewId)}`;

/**
 * The room's WebSocket (same origin, cookie auth): reconnects with backoff while `enabled`,
 * pings to keep the clock offset fresh, and hands each well-formed frame to `onMessage`.
 */
export function useRoomSocket(interviewId: string, enabled: boolean, onMessage: (msg: ServerMessage) => void) {
  const [connection, setConnection] = useState<Connection>('connecting');
  const [attempt, setAttempt] = useState(0);
  const socket = useRef<WebSocket | null>(null);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const retryNow = useRef<() => void>(() => {});

  useEffect(() => {
    if (!enabled) {
      setConnection('closed');
      return;
    }
    let stopped = false;
    let tries = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;

    const connect = () => {
      clearTimeout(retry);
      if (stopped || (socket.current && socket.current.readyState <= WebSocket.OPEN)) return;
      const ws = new WebSocket(roomSocketUrl(interviewId));
      socket.current = ws;
      ws.onopen = () => {
        tries = 0;
        setAttempt(0);
        setConnection('open');
        ping = setInterval(() => ws.send(encode({ type: 'ping', t: Date.now() })), PING_MS);
      };
      ws.onmessage = (event) => {
        const msg = parseServerMessage(event.data);
        if (msg) handler.current(msg);
      };
      ws.onclose = (event) => {
        clearInterval(ping);
        if (socket.current === ws) socket.current = null;
        if (stopped) return;
        if (FINAL_CODES.has(event.code)) return setConnection('closed');
        setConnection('reconnecting');
        setAttempt(++tries);
        retry = setTimeout(connect, backoffMs(tries - 1));
      };
    };
    retryNow.current = connect;
    // Coming back online or to the tab: try at once rather than waiting out the backoff.
    const wake = () => {
      if (document.visibilityState === 'visible') connect();
    };
    window.addEventListener('online', connect);
    document.addEventListener('visibilitychange', wake);
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      window.removeEventListener('online', connect);
      document.removeEventListener('visibilitychange', wake);
      socket.current?.close(1000, 'leaving the room');
      socket.current = null;
    };
  }, [interviewId, enabled]);

  /** Sends a frame if the socket is open; false means the caller should use the REST fallback. */
  const send = useCallback((msg: ClientMessage) => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(encode(msg));
    return true;
  }, []);

  return { connection, attempt, send, reconnect: () => retryNow.current() };
}
