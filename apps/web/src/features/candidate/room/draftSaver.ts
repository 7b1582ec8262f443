import type { ClientMessage, InterviewItem, ServerMessage } from '@interview/contracts/api';
import { ApiError, api } from '../../../api/client';
import { fetchInterview } from '../api';
import { readBackup, writeBackup } from './draftBackup';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline' }
  | { kind: 'stopped'; message: string };

const DEBOUNCE_MS = 800;
const MAX_WAIT_MS = 4000;
/** Refusals after which saving this item again cannot succeed. */
const FINAL = new Set(['deadline_passed', 'item_closed', 'interview_closed', 'already_submitted', 'not_the_candidate', 'not_found']);

interface Draft {
  revision: number;
  text: string;
}

/** The draft to start from: this device's copy if the server never acknowledged it, else the server's. */
export function initialDraft(item: InterviewItem): { text: string; saved: Draft } {
  const saved = { revision: item.answer?.draftRevision ?? 0, text: item.answer?.draft ?? '' };
  const backup = readBackup(item.id);
  return { text: backup && backup.revision > saved.revision ? backup.text : saved.text, saved };
}

/**
 * Debounced autosave of one item's draft: over the socket as `draft.save` with an increasing
 * revision (seeded from the stored draftRevision), over REST (PUT …/draft) while the socket is
 * down, and again after a reconnect. A copy stays on the device so a reload before the save
 * lands loses nothing.
 */
export class DraftSaver {
  private text: string;
  private saved: Draft;
  private revision: number;
  private pending: Draft | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstDirtyAt: number | null = null;
  private stopped = false;
  private attached = false;
  private savedAt: string | null = null;
  /** Off once time is up: the server submits what it has. */
  enabled = true;

  constructor(
    private readonly interviewId: string,
    private readonly itemId: string,
    private readonly send: (msg: ClientMessage) => boolean,
    private readonly onStatus: (status: SaveStatus) => void,
    start: { text: string; saved: Draft },
  ) {
    this.text = start.text;
    this.saved = start.saved;
    this.revision = start.saved.revision;
  }

  get dirty() {
    return this.text !== this.saved.text;
  }

  change(text: string) {
    this.text = text;
    if (this.stopped) return;
    if (!this.dirty && !this.pending) {
      // Back to what the server has: nothing to save.
      clearTimeout(this.timer);
      this.firstDirtyAt = null;
      return this.onStatus(this.savedAt ? { kind: 'saved', at: this.savedAt } : { kind: 'idle' });
    }
    writeBackup(this.itemId, { text, revision: this.nextRevision() });
    this.onStatus({ kind: 'saving' });
    this.schedule();
  }

  /** Saves now if anything is unsaved (also used just before the deadline). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.firstDirtyAt = null;
    if (this.stopped || !this.attached || !this.enabled || !this.dirty) return;
    const draft = { revision: this.nextRevision(), text: this.text };
    this.revision = draft.revision;
    this.pending = draft;
    writeBackup(this.itemId, draft);
    this.onStatus({ kind: 'saving' });
    if (this.send({ type: 'draft.save', itemId: this.itemId, ...draft })) return;
    try {
      const res = await api.put<{ revision: number; savedAt: string }>(
        `/api/interviews/${this.interviewId}/items/${this.itemId}/draft`,
        draft,
      );
      this.acknowledge(res.revision, res.savedAt);
    } catch (err) {
      await this.refused(err instanceof ApiError ? err.code : 'network', err instanceof Error ? err.message : '');
    }
  }

  /** Socket frames: acknowledgements for this item, and refusals while a save is in flight. */
  onMessage(msg: ServerMessage) {
    if (msg.type === 'draft.saved' && msg.itemId === this.itemId) this.acknowledge(msg.revision, msg.savedAt);
    else if (msg.type === 'error' && this.pending) void this.refused(msg.code, msg.message);
  }

  /** After a reconnect, or when falling back to REST: save whatever is not acknowledged yet. */
  retry() {
    if (this.dirty) void this.flush();
  }

  /** While mounted; a detached saver keeps its state but sends nothing (React may mount twice). */
  attach() {
    this.attached = true;
    if (this.dirty) this.schedule();
  }

  detach() {
    clearTimeout(this.timer);
    this.attached = false;
  }

  private nextRevision() {
    return Math.max(this.revision, this.saved.revision) + 1;
  }

  private schedule() {
    clearTimeout(this.timer);
    const now = Date.now();
    this.firstDirtyAt ??= now;
    const wait = Math.min(DEBOUNCE_MS, Math.max(0, this.firstDirtyAt + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  private acknowledge(revision: number, at: string) {
    if (revision < this.saved.revision) return;
    const text = this.pending?.revision === revision ? this.pending.text : this.saved.text;
    this.saved = { revision, text };
    if (this.pending && this.pending.revision <= revision) this.pending = null;
    this.savedAt = at;
    if (this.dirty) {
      this.onStatus({ kind: 'saving' });
      this.schedule();
    } else this.onStatus({ kind: 'saved', at });
  }

  private async refused(code: string, message: string) {
    this.pending = null;
    if (FINAL.has(code)) {
      this.stopped = true;
      return this.onStatus({ kind: 'stopped', message });
    }
    if (code === 'rate_limited') return this.schedule();
    if (code === 'stale_revision') {
      // Another tab saved a later revision: continue numbering after it.
      const fresh = await fetchInterview(this.interviewId).catch(() => null);
      const latest = fresh?.items.find((i) => i.id === this.itemId)?.answer?.draftRevision ?? this.revision + 100;
      this.revision = Math.max(this.revision, latest);
      return this.schedule();
    }
    this.onStatus({ kind: 'offline' });
  }
}
