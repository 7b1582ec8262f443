import type { InterviewState } from '@interview/contracts/api';
import { ApiError, getCsrfToken } from '../../../api/client';

export interface UploadInput {
  interviewId: string;
  itemId: string;
  audio: Blob;
  captions: string;
  durationMs: number;
  onProgress: (fraction: number) => void;
}

const extension = (type: string) => (type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : type.includes('mpeg') ? 'mp3' : 'webm');

/**
 * Uploads a spoken answer as multipart (`captions`, `durationMs`, `audio`) with XMLHttpRequest,
 * whose upload events give a progress bar that fetch cannot. Resolves with the new state.
 */
export function uploadAudio(input: UploadInput): Promise<{ replayed: boolean; state: InterviewState }> {
  const form = new FormData();
  form.append('captions', input.captions.slice(0, 20_000));
  form.append('durationMs', String(Math.round(input.durationMs)));
  form.append('audio', input.audio, `answer.${extension(input.audio.type)}`);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/interviews/${input.interviewId}/items/${input.itemId}/audio`);
    xhr.withCredentials = true;
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) input.onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { error?: { code: string; message: string; details?: unknown } } | null;
      if (xhr.status >= 200 && xhr.status < 300) {
        input.onProgress(1);
        resolve(body as unknown as { replayed: boolean; state: InterviewState });
      } else {
        const err = body?.error;
        reject(new ApiError(xhr.status, err?.code ?? 'http_error', err?.message ?? `Upload failed (${xhr.status})`, err?.details));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload failed: check your connection and try again'));
    xhr.ontimeout = xhr.onerror;
    xhr.send(form);
  });
}
