import type { InterviewItem } from '@interview/contracts/api';
import { useEffect, useState } from 'react';
import { DraftSaver, initialDraft, type SaveStatus } from './draftSaver';
import type { Room } from './useRoomState';

const OFFLINE_RETRY_MS = 5000;

/** One item's draft with autosave (see DraftSaver); mount it per item (key by item id). */
export function useAutosave(
  room: Pick<Room, 'send' | 'subscribe' | 'connection'>,
  interviewId: string,
  item: InterviewItem,
  enabled: boolean,
) {
  const [start] = useState(() => initialDraft(item));
  const [text, setText] = useState(start.text);
  const [status, setStatus] = useState<SaveStatus>(start.text === start.saved.text ? { kind: 'idle' } : { kind: 'saving' });
  const [saver] = useState(() => new DraftSaver(interviewId, item.id, room.send, setStatus, start));
  saver.enabled = enabled;

  useEffect(() => room.subscribe((msg) => saver.onMessage(msg)), [room.subscribe, saver]);

  // Reconnected, or fell back to REST: save what is not acknowledged; retry while the socket is down.
  useEffect(() => {
    saver.retry();
    if (room.connection === 'open') return;
    const timer = setInterval(() => saver.retry(), OFFLINE_RETRY_MS);
    return () => clearInterval(timer);
  }, [room.connection, saver]);

  useEffect(() => {
    saver.attach();
    return () => saver.detach();
  }, [saver]);

  const change = (next: string) => {
    setText(next);
    saver.change(next);
  };
  return { text, setText: change, status, flush: () => saver.flush() };
}
