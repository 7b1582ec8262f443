import { useCallback, useEffect, useRef, useState } from 'react';

export type MicState = 'idle' | 'requesting' | 'live' | 'denied' | 'unavailable' | 'error';

/**
 * A microphone test: asks for the mic, then reports its level (0–100, from the signal's RMS)
 * about ten times a second. Releases the mic and the audio context on stop and on unmount.
 */
export function useMicLevel() {
  const [state, setState] = useState<MicState>('idle');
  const [level, setLevel] = useState(0);
  const [peak, setPeak] = useState(0);
  const cleanup = useRef<() => void>(() => {});
  /** Bumped by every start and stop, so a permission prompt answered after a stop releases its stream. */
  const generation = useRef(0);

  const stop = useCallback(() => {
    generation.current++;
    cleanup.current();
    cleanup.current = () => {};
    setLevel(0);
    setState((s) => (s === 'live' || s === 'requesting' ? 'idle' : s));
  }, []);

  const start = useCallback(async () => {
    cleanup.current();
    const mine = ++generation.current;
    if (!navigator.mediaDevices?.getUserMedia) return setState('unavailable');
    setState('requesting');
    setPeak(0);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      if (mine !== generation.current) return;
      return setState(
        name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' ? 'unavailable' : 'error',
      );
    }
    if (mine !== generation.current) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    let last = 0;
    const tick = (now: number) => {
      frame = requestAnimationFrame(tick);
      if (now - last < 100) return;
      last = now;
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += v * v;
      // Speech sits around an RMS of 0.02–0.2: scale so normal speech fills most of the meter.
      const value = Math.min(100, Math.round(Math.sqrt(sum / samples.length) * 400));
      setLevel(value);
      setPeak((p) => Math.max(p, value));
    };
    frame = requestAnimationFrame(tick);
    cleanup.current = () => {
      cancelAnimationFrame(frame);
      for (const track of stream.getTracks()) track.stop();
      void context.close();
    };
    setState('live');
  }, []);

  useEffect(
    () => () => {
      generation.current++;
      cleanup.current();
    },
    [],
  );
  return { state, level, peak, start, stop };
}
