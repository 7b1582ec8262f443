import type { InterviewState } from '@interview/contracts/api';
import { useEffect, useRef, useState } from 'react';
import { uploadAudio } from './uploadAudio';
import { useCaptions } from './useCaptions';
import { useRecorder } from './useRecorder';

/** Stop this long before the deadline so the upload can still arrive in time. */
export const UPLOAD_MARGIN_MS = 2000;
/** A recording stopped by the clock this close to the deadline is uploaded at once. */
const AUTO_UPLOAD_WITHIN_MS = 6000;

interface Options {
  interviewId: string;
  itemId: string;
  leftMs: number;
  /** Live captions go to the autosaved draft (the fallback transcript if the upload never lands). */
  onCaptions: (text: string) => void;
  onSubmitted: (state: InterviewState) => void;
}

/** A spoken answer: record (with live captions), stop, re-record or discard, then upload with progress. */
export function useVoiceAnswer({ interviewId, itemId, leftMs, onCaptions, onSubmitted }: Options) {
  const rec = useRecorder();
  const captions = useCaptions(rec.state === 'recording');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const autoUploaded = useRef(false);
  const onCaptionsRef = useRef(onCaptions);
  onCaptionsRef.current = onCaptions;

  useEffect(() => {
    if (captions.text) onCaptionsRef.current(captions.text);
  }, [captions.text]);

  const upload = async () => {
    if (!rec.recording || progress !== null) return;
    setError(null);
    setProgress(0);
    try {
      const res = await uploadAudio({
        interviewId,
        itemId,
        audio: rec.recording.blob,
        captions: captions.text,
        durationMs: rec.recording.durationMs,
        onProgress: setProgress,
      });
      onSubmitted(res.state);
    } catch (err) {
      setError(err);
      setProgress(null);
    }
  };
  const uploadRef = useRef(upload);
  uploadRef.current = upload;

  // The clock stopped the recording: upload it while there is still time.
  useEffect(() => {
    if (rec.state === 'recorded' && leftMs < AUTO_UPLOAD_WITHIN_MS && !autoUploaded.current) {
      autoUploaded.current = true;
      void uploadRef.current();
    }
  }, [rec.state, leftMs]);

  const record = () => {
    captions.reset();
    onCaptions('');
    setError(null);
    void rec.start(leftMs - UPLOAD_MARGIN_MS);
  };
  const discard = () => {
    rec.discard();
    setError(null);
  };

  return { rec, captions, progress, error, record, stop: rec.stop, discard, upload, uploading: progress !== null };
}
export type VoiceAnswer = ReturnType<typeof useVoiceAnswer>;
