import type { ClientMessage, InterviewItem, InterviewState } from '@interview/contracts/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver, type SaveStatus } from '../src/features/candidate/room/draftSaver';
import { parseServerMessage } from '../src/features/candidate/room/messages';
import { isNewer, positionLabel, positionOf, previousTimedOut, withItem } from '../src/features/candidate/room/state';
import { remainingMs } from '../src/features/candidate/room/useCountdown';
import { backoffMs } from '../src/features/candidate/room/useRoomSocket';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (n: number, over: Partial<InterviewItem> = {}): InterviewItem => ({
  id: id(n),
  position: n * 1000,
  kind: 'question',
  parentItemId: null,
  status: 'pending',
  timeLimitSec: 300,
  presentedAt: null,
  deadlineAt: null,
  submittedAt: null,
  autoSubmitted: false,
  question: null,
  followupPrompt: null,
  answer: null,
  ...over,
});
const state = (items: InterviewItem[], over: Partial<InterviewState> = {}): InterviewState => ({
  id: id(99),
  status: 'in_progress',
  mode: 'practice',
  template: { id: id(98), name: 'Warm-up', questionCount: items.filter((i) => i.kind === 'question').length },
  candidate: { id: id(97), name: 'Casey', email: 'c@example.test' },
  answerModes: ['typed', 'spoken'],
  followupsPerQuestion: 1,
  totalTimeLimitSec: 900,
  startedAt: null,
  deadlineAt: null,
  finishedAt: null,
  currentItemId: null,
  resultsAvailable: true,
  serverNow: '2025-05-01T10:00:00.000Z',
  items,
  ...over,
});

describe('room state', () => {
  it('numbers questions and their follow-ups', () => {
    const q1 = item(1, { status: 'submitted', autoSubmitted: true });
    const f1 = item(1, { id: id(11), position: 1001, kind: 'followup', parentItemId: id(1), status: 'presented' });
    const s = state([q1, f1, item(2)]);
    expect(positionLabel(positionOf(s, f1))).toBe('Question 1 of 2, follow-up 1');
    expect(positionLabel(positionOf(s, item(2)))).toBe('Question 2 of 2');
    expect(previousTimedOut(s, f1)).toBe(true);
    expect(previousTimedOut(s, q1)).toBe(false);
  });

  it('applies a started item in position order and never rewinds to an older state', () => {
    const s = state([item(1, { status: 'submitted' }), item(3)]);
    const next = withItem(s, item(2, { kind: 'followup', parentItemId: id(1), status: 'presented' }));
    expect(next.items.map((i) => i.position)).toEqual([1000, 2000, 3000]);
    expect(next.currentItemId).toBe(id(2));
    expect(isNewer(state([], { serverNow: '2025-05-01T09:59:59.000Z' }), s)).toBe(false);
    expect(isNewer(state([], { serverNow: '2025-05-01T10:00:01.000Z' }), s)).toBe(true);
  });

  it('counts down to the server deadline on the server clock, whatever the device clock says', () => {
    // The device clock is 30 s behind the server: offset +30 s.
    expect(remainingMs('2025-05-01T10:05:00.000Z', 30_000, Date.parse('2025-05-01T09:59:30.000Z'))).toBe(300_000);
    expect(remainingMs(null, 0)).toBeNull();
  });

  it('backs off reconnects up to 15 s, with jitter', () => {
    expect(backoffMs(0)).toBeGreaterThanOrEqual(375);
    expect(backoffMs(0)).toBeLessThanOrEqual(625);
    expect(backoffMs(10)).toBeLessThanOrEqual(18_750);
    expect(backoffMs(10)).toBeGreaterThanOrEqual(11_250);
  });

  it('accepts well-formed server frames only', () => {
    expect(parseServerMessage('{"type":"pong","serverNow":"2025-05-01T10:00:00Z"}')).toMatchObject({ type: 'pong' });
    expect(parseServerMessage('{"type":"draft.saved","itemId":"x","revision":3,"savedAt":"t"}')).toMatchObject({ revision: 3 });
    expect(parseServerMessage('{"type":"state","state":{}}')).toBeNull();
    expect(parseServerMessage('{"type":"nope"}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
  });
});

describe('draft autosave', () => {
  let sent: ClientMessage[];
  let statuses: SaveStatus[];
  let socketOpen: boolean;
  const send = (m: ClientMessage) => {
    if (socketOpen) sent.push(m);
    return socketOpen;
  };
  const make = (saved = { revision: 4, text: 'old' }) => {
    const saver = new DraftSaver(id(99), id(1), send, (s) => statuses.push(s), { text: saved.text, saved });
    saver.attach();
    return saver;
  };
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    statuses = [];
    socketOpen = true;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('debounces typing into one draft.save with the next revision, and shows the save time on the ack', async () => {
    const saver = make();
    saver.change('old a');
    saver.change('old ab');
    await vi.advanceTimersByTimeAsync(900);
    expect(sent).toEqual([{ type: 'draft.save', itemId: id(1), text: 'old ab', revision: 5 }]);
    saver.onMessage({ type: 'draft.saved', itemId: id(1), revision: 5, savedAt: '2025-05-01T10:00:00.000Z' });
    expect(statuses.at(-1)).toEqual({ kind: 'saved', at: '2025-05-01T10:00:00.000Z' });
    saver.change('old abc');
    await vi.advanceTimersByTimeAsync(900);
    expect(sent.at(-1)).toMatchObject({ revision: 6, text: 'old abc' });
  });

  it('saves at least every few seconds while typing never pauses', async () => {
    const saver = make();
    for (let i = 0; i < 10; i++) {
      saver.change(`old ${'x'.repeat(i)}`);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(sent.length).toBeGreaterThanOrEqual(1);
  });

  it('falls back to PUT …/draft while the socket is down, and says so when that fails too', async () => {
    socketOpen = false;
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ itemId: id(1), revision: 5, savedAt: 'T' }), { headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const saver = make();
    saver.change('typed offline');
    await vi.advanceTimersByTimeAsync(900);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/interviews/${id(99)}/items/${id(1)}/draft`);
    expect(init.method).toBe('PUT');
    expect(JSON.parse(String(init.body))).toEqual({ text: 'typed offline', revision: 5 });
    expect(statuses.at(-1)).toEqual({ kind: 'saved', at: 'T' });

    fetch.mockRejectedValueOnce(new TypeError('network down'));
    saver.change('typed offline more');
    await vi.advanceTimersByTimeAsync(900);
    expect(statuses.at(-1)).toEqual({ kind: 'offline' });
  });

  it('stops for good once the server says the answer is closed', async () => {
    const saver = make();
    saver.change('late');
    await vi.advanceTimersByTimeAsync(900);
    saver.onMessage({ type: 'error', code: 'deadline_passed', message: 'Time is up for this question' });
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toEqual({ kind: 'stopped', message: 'Time is up for this question' });
    saver.change('later');
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
  });

  it('goes back to the saved status when the text returns to what the server has', async () => {
    const saver = make();
    saver.change('old!');
    saver.change('old');
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(0);
    expect(statuses.at(-1)).toEqual({ kind: 'idle' });
  });
});
