import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SPOKEN_ANSWER =
  'A liveness probe restarts the container when it fails; a readiness probe removes the pod from service endpoints until it passes.';

const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
/** espeak-ng and sox (apt-get install espeak-ng sox) make the fake microphone's audio. */
export const hasSpeechTools = () => onPath('espeak-ng') && onPath('sox');

/**
 * Speaks `text` with espeak-ng and converts it with sox to 16 kHz mono 16-bit PCM, the format
 * Chromium's fake audio capture reads. Returns the WAV's path (in a fresh temp folder).
 */
export function makeSpeechWav(text = SPOKEN_ANSWER): string {
  const dir = mkdtempSync(join(tmpdir(), 'interview-speech-'));
  const raw = join(dir, 'raw.wav');
  const wav = join(dir, 'answer.wav');
  execFileSync('espeak-ng', ['-s', '150', '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', wav]);
  if (!existsSync(wav)) throw new Error('sox wrote no WAV');
  return wav;
}
