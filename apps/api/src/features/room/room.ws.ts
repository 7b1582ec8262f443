import type { WebSocket } from '@fastify/websocket';
import { ClientMessage, IdParams, type ServerMessage } from '@interview/contracts/api';
import type { RoomEvent } from '@interview/contracts/events';
import type { EventBus } from '@interview/events';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { wsConnections } from '../../metrics/registry';
import { principalOf } from '../../plugins/app/auth-guard';
import type { InterviewService } from '../interviews/interview.service';
import { createRoomHub } from './room-hub';
import { createTokenBucket } from './token-bucket';

/** A client that stops reading: past this much unsent data we close, and it resumes from `state`. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 30_000;

/**
 * `/ws/interviews/:id`: the candidate's live channel. Sends `state` on connect (so a reconnect
 * resumes exactly, same deadlines), relays room events from any process, and takes draft saves
 * and submits. Every frame is validated against the contracts; bad frames get an `error` frame.
 */
export default async function roomSocket(
  fastify: FastifyInstance,
  opts: { service: InterviewService; events: Pick<EventBus, 'subscribe'> },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const hub = createRoomHub(opts.events);
  fastify.addHook('onClose', async () => hub.close());

  app.get('/ws/interviews/:id', { websocket: true, schema: { hide: true, params: IdParams } }, (socket: WebSocket, request) => {
    const principal = principalOf(request);
    const interviewId = request.params.id;
    const bucket = createTokenBucket({ capacity: 30, refillPerSec: 5 });
    let alive = true;
    wsConnections.inc();

    const send = (msg: ServerMessage) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return socket.close(1013, 'too much unread data; reconnect');
      socket.send(JSON.stringify(msg));
    };
    const fail = (err: unknown) => {
      if (err instanceof AppError) return send({ type: 'error', code: err.code, message: err.message, details: err.details });
      request.log.error({ err }, 'room message failed');
      send({ type: 'error', code: 'internal', message: 'Something went wrong on our side' });
    };
    const sendState = async () => send({ type: 'state', state: await service.state(interviewId) });

    // Frames are handled one at a time, in order, so draft revisions and submits never race.
    let queue: Promise<unknown> = service.view(principal, interviewId).then(
      (state) => send({ type: 'state', state }),
      (err) => {
        fail(err);
        socket.close(4404, 'interview not found');
      },
    );
    const enqueue = (fn: () => Promise<void>) => {
      queue = queue.then(fn).catch(fail);
    };

    const onEvent = (event: RoomEvent) =>
      enqueue(async () => {
        if (event.type === 'grade.ready' || event.type === 'transcript.ready') {
          const { type, itemId, answerId, status } = event;
          return send({ type, itemId, answerId, status } as ServerMessage);
        }
        const state = await service.state(interviewId);
        send({ type: 'state', state });
        if (event.type === 'item.started' || event.type === 'followup') {
          const item = state.items.find((i) => i.id === event.itemId);
          if (item) send({ type: event.type, item, serverNow: state.serverNow });
        }
      });
    const leave = hub.join(interviewId, onEvent);

    socket.on('message', (raw, isBinary) => {
      if (!bucket.take()) return send({ type: 'error', code: 'rate_limited', message: 'Too many messages; slow down' });
      let json: unknown;
      try {
        if (isBinary) throw new Error('binary');
        json = JSON.parse(raw.toString());
      } catch {
        return send({ type: 'error', code: 'invalid_message', message: 'Frames must be JSON text' });
      }
      const parsed = ClientMessage.safeParse(json);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return send({ type: 'error', code: 'invalid_message', message: 'Frame failed validation', details });
      }
      const msg = parsed.data;
      enqueue(async () => {
        if (msg.type === 'ping') return send({ type: 'pong', t: msg.t, serverNow: new Date().toISOString() });
        if (msg.type === 'draft.save') {
          const saved = await service.saveDraft(principal, interviewId, msg);
          return send({ type: 'draft.saved', ...saved });
        }
        await service.submit(principal, interviewId, msg.itemId, { mode: 'typed', text: msg.text });
        // The resulting state (and the next item) reaches every socket of this interview through the hub.
        await sendState();
      });
    });

    socket.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on('close', () => {
      clearInterval(heartbeat);
      leave();
      wsConnections.dec();
    });
  });
}
