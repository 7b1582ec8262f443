import { parseBuffer } from 'music-metadata';
import { UnsupportedMediaError } from '../../errors';

/** Containers browsers' MediaRecorder (and common recorders) produce, by their magic bytes. */
const SIGNATURES: { mime: string; matches: (b: Buffer) => boolean }[] = [
  { mime: 'audio/webm', matches: (b) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) },
  { mime: 'audio/ogg', matches: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  { mime: 'audio/wav', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE' },
  { mime: 'audio/mp4', matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' },
  { mime: 'audio/mpeg', matches: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0) },
  { mime: 'audio/flac', matches: (b) => b.subarray(0, 4).toString('latin1') === 'fLaC' },
];

export interface SniffedAudio {
  mime: string;
  /** Null when the container does not say (MediaRecorder's WebM often omits it). */
  durationMs: number | null;
}

/**
 * Decides what an upload is from its bytes, never from its name or declared type, and checks
 * that it parses as audio with an audio track. Anything else is refused with 415.
 */
export async function sniffAudio(bytes: Buffer): Promise<SniffedAudio> {
  const signature = SIGNATURES.find((s) => s.matches(bytes));
  if (!signature) throw new UnsupportedMediaError('That file is not a supported audio recording (WebM, Ogg, WAV, MP4/M4A, MP3 or FLAC)');
  let metadata: Awaited<ReturnType<typeof parseBuffer>>;
  try {
    metadata = await parseBuffer(bytes, { mimeType: signature.mime, size: bytes.length }, { duration: true, skipCovers: true });
  } catch {
    // MediaRecorder's chunked WebM (unknown-size clusters) can defeat the parser; its EBML header still says what it is.
    if (signature.mime === 'audio/webm' && isWebmStream(bytes)) return { mime: signature.mime, durationMs: null };
    throw new UnsupportedMediaError('The recording could not be read as audio; it may be damaged');
  }
  const { format } = metadata;
  // A real recording declares its channels or sample rate; a magic number on junk does not.
  if (format.hasAudio === false || (!format.numberOfChannels && !format.sampleRate))
    throw new UnsupportedMediaError('The file has no readable audio track');
  const seconds = format.duration;
  return { mime: signature.mime, durationMs: seconds && Number.isFinite(seconds) ? Math.round(seconds * 1000) : null };
}

/** EBML header declaring DocType "webm", followed by a Segment element: the shape MediaRecorder streams have. */
function isWebmStream(bytes: Buffer) {
  const head = bytes.subarray(0, 64);
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67]);
  return head.includes(Buffer.from('webm', 'latin1')) && bytes.subarray(0, 4096).includes(segment) && bytes.length > 1024;
}
