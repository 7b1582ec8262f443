import type { ClientMessage, ServerMessage } from '@interview/contracts/api';

const TYPES = new Set<ServerMessage['type']>([
  'state',
  'item.started',
  'followup',
  'draft.saved',
  'grade.ready',
  'transcript.ready',
  'pong',
  'error',
]);

/**
 * A minimal check of a server frame: JSON, an object, a known `type`, and the one field each
 * type's handler reads first. The server validates what it sends; this only keeps a garbled frame
 * from crashing the room, without shipping zod to the browser.
 */
export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') return null;
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  if (typeof m.type !== 'string' || !TYPES.has(m.type as ServerMessage['type'])) return null;
  const has = (key: string, type: 'object' | 'string' | 'number') => typeof m[key] === type && m[key] !== null;
  switch (m.type) {
    case 'state':
      return has('state', 'object') && Array.isArray((m.state as { items?: unknown }).items) ? (m as ServerMessage) : null;
    case 'item.started':
    case 'followup':
      return has('item', 'object') && has('serverNow', 'string') ? (m as ServerMessage) : null;
    case 'draft.saved':
      return has('itemId', 'string') && has('revision', 'number') && has('savedAt', 'string') ? (m as ServerMessage) : null;
    case 'pong':
      return has('serverNow', 'string') ? (m as ServerMessage) : null;
    case 'error':
      return has('code', 'string') ? (m as ServerMessage) : null;
    default:
      return has('itemId', 'string') ? (m as ServerMessage) : null;
  }
}

export const encode = (msg: ClientMessage) => JSON.stringify(msg);
