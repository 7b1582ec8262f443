import { useCallback, useEffect, useRef, useState } from 'react';
import { pickAudioType } from '../media';

export type RecorderState = 'idle' | 'requesting' | 'recording' | 'recorded' | 'denied' | 'error';

export interface Recording {
  blob: Blob;
  url: string;
  durationMs: number;
}

/**
 * MediaRecorder around the microphone: start (capped at `maxMs`), stop, discard. The mic is
 * released as soon as recording stops, and on unmount.
 */
export function useRecorder() {
  const [state, setState] = useState<RecorderState>('idle');
  const [recording, setRecording] = useState<Recording | null>(null);
  const [elapsedMs, setElapsedMs] = useState(0);
  const active = useRef<{
    recorder: MediaRecorder;
    stream: MediaStream;
    cap: ReturnType<typeof setTimeout>;
    tick: ReturnType<typeof setInterval>;
  } | null>(null);
  const urlRef = useRef<string | null>(null);

  const release = useCallback(() => {
    const a = active.current;
    if (!a) return;
    clearTimeout(a.cap);
    clearInterval(a.tick);
    for (const track of a.stream.getTracks()) track.stop();
    active.current = null;
  }, []);

  const discard = useCallback(() => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = null;
    setRecording(null);
    setElapsedMs(0);
    setState('idle');
  }, []);

  const stop = useCallback(() => {
    const a = active.current;
    if (a && a.recorder.state !== 'inactive') a.recorder.stop();
  }, []);

  const start = useCallback(
    async (maxMs: number) => {
      if (active.current) return;
      discard();
      if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') return setState('error');
      setState('requesting');
      let stream: MediaStream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      } catch (err) {
        return setState(err instanceof DOMException && err.name === 'NotAllowedError' ? 'denied' : 'error');
      }
      const type = pickAudioType();
      const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      const chunks: Blob[] = [];
      const startedAt = Date.now();
      recorder.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      };
      recorder.onstop = () => {
        const durationMs = Date.now() - startedAt;
        release();
        const blob = new Blob(chunks, { type: recorder.mimeType || type || 'audio/webm' });
        urlRef.current = URL.createObjectURL(blob);
        setRecording({ blob, url: urlRef.current, durationMs });
        setElapsedMs(durationMs);
        setState('recorded');
      };
      // One blob at stop: WebM written in timeslices lacks what the server's audio parser needs to read it.
      recorder.start();
      active.current = {
        recorder,
        stream,
        cap: setTimeout(() => recorder.state !== 'inactive' && recorder.stop(), Math.max(0, maxMs)),
        tick: setInterval(() => setElapsedMs(Date.now() - startedAt), 500),
      };
      setState('recording');
    },
    [discard, release],
  );

  useEffect(
    () => () => {
      const a = active.current;
      if (a) {
        a.recorder.onstop = null;
        if (a.recorder.state !== 'inactive') a.recorder.stop();
      }
      release();
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [release],
  );

  return { state, recording, elapsedMs, start, stop, discard };
}
