import type { Env } from '@interview/config';
import OpenAI, { toFile } from 'openai';

export interface Transcriber {
  transcribe(input: { audio: Buffer; mime: string }): Promise<string>;
}

const EXTENSION: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
};

type TranscribeEnv = Pick<
  Env,
  'TRANSCRIBE_BASE_URL' | 'TRANSCRIBE_API_KEY' | 'TRANSCRIBE_MODEL' | 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_TIMEOUT_MS'
>;

/** OpenAI-compatible /audio/transcriptions, or null when no service is configured. */
export function createTranscriber(env: TranscribeEnv): Transcriber | null {
  const baseURL = env.TRANSCRIBE_BASE_URL ?? env.LLM_BASE_URL;
  const apiKey = env.TRANSCRIBE_API_KEY ?? env.LLM_API_KEY;
  if (!baseURL && !apiKey) return null;
  const client = new OpenAI({ baseURL, apiKey: apiKey ?? 'not-needed', maxRetries: 0, timeout: env.LLM_TIMEOUT_MS });
  return {
    async transcribe({ audio, mime }) {
      const base = mime.split(';')[0]!.trim();
      const file = await toFile(audio, `answer.${EXTENSION[base] ?? 'webm'}`, { type: base });
      const result = await client.audio.transcriptions.create({ file, model: env.TRANSCRIBE_MODEL });
      return result.text;
    },
  };
}
