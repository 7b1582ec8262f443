import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the app sent to the scripted transcription endpoint. */
export interface TranscriptionRequest {
  model: string | null;
  filename: string | null;
  fileType: string | null;
  audioBytes: number;
}

export interface TranscriptionServer {
  /** Base URL for TRANSCRIBE_BASE_URL (the OpenAI SDK appends /audio/transcriptions). */
  baseUrl: string;
  requests: TranscriptionRequest[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** Just enough multipart parsing to see the `file` and `model` parts the SDK sends. */
function parseMultipart(body: Buffer, contentType: string): TranscriptionRequest {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const out: TranscriptionRequest = { model: null, filename: null, fileType: null, audioBytes: 0 };
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2); // drop the CRLFs around the part
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name === 'model') out.model = content.toString('utf8');
    if (name === 'file') {
      out.filename = /filename="([^"]*)"/.exec(head)?.[1] ?? null;
      out.fileType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null;
      out.audioBytes = content.length;
    }
    at = next;
  }
  return out;
}

/**
 * An OpenAI-compatible transcription service on loopback: answers POST /v1/audio/transcriptions
 * with a fixed transcript and records each request, so a test can check the audio arrived.
 */
export async function startTranscriptionServer(transcript: string): Promise<TranscriptionServer> {
  const requests: TranscriptionRequest[] = [];
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/audio/transcriptions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    requests.push(parseMultipart(await readBody(req), req.headers['content-type'] ?? ''));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: transcript }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
