/** Browser capabilities the interview uses, detected without prompting for anything. */

/** The slice of the Web Speech API's SpeechRecognition that live captions use (not in TypeScript's DOM types). */
export interface Recognizer {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((event: { resultIndex: number; results: SpeechRecognitionResultList }) => void) | null;
  onend: (() => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}
type RecognizerCtor = new () => Recognizer;

export function speechRecognition(): RecognizerCtor | null {
  const w = globalThis as unknown as { SpeechRecognition?: RecognizerCtor; webkitSpeechRecognition?: RecognizerCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** Recording formats in order of preference; the server sniffs the bytes whatever we claim. */
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/mpeg'];

export function pickAudioType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return AUDIO_TYPES.find((t) => MediaRecorder.isTypeSupported?.(t));
}

export interface BrowserSupport {
  microphone: boolean;
  mediaRecorder: boolean;
  speechRecognition: boolean;
  speechSynthesis: boolean;
  webSocket: boolean;
}

export function detectSupport(): BrowserSupport {
  return {
    microphone: typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia,
    mediaRecorder: typeof MediaRecorder !== 'undefined',
    speechRecognition: speechRecognition() !== null,
    speechSynthesis: typeof speechSynthesis !== 'undefined',
    webSocket: typeof WebSocket !== 'undefined',
  };
}

/** Whether spoken answers can be recorded here at all. */
export const canRecord = (s: BrowserSupport = detectSupport()) => s.microphone && s.mediaRecorder;
