import { formatTimeOfDay } from '../../../ui/format';
import type { SaveStatus } from './draftSaver';

/** "Saved 12:03:04" / "Saving…" / "Not saved — reconnecting", announced politely. */
export function AutosaveIndicator({ status, connected }: { status: SaveStatus; connected: boolean }) {
  let text = '';
  let tone = 'muted';
  if (status.kind === 'saving') text = 'Saving…';
  else if (status.kind === 'saved') text = `Saved ${formatTimeOfDay(status.at)}`;
  else if (status.kind === 'offline') {
    text = connected ? 'Not saved — retrying' : 'Not saved — reconnecting';
    tone = 'save-warn';
  } else if (status.kind === 'stopped') {
    text = `Not saved — ${status.message || 'this answer is closed'}`;
    tone = 'save-warn';
  }
  return (
    <p className={`autosave ${tone}`} role="status" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  );
}
