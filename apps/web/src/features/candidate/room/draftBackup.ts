/**
 * A copy of the draft on this device, with the revision it was (or will be) saved under. After a
 * reload it wins over the server's draft only if the server never acknowledged that revision.
 */
export interface DraftBackup {
  text: string;
  revision: number;
}

const key = (itemId: string) => `interview-draft:${itemId}`;

export function readBackup(itemId: string): DraftBackup | null {
  try {
    const raw = localStorage.getItem(key(itemId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<DraftBackup>;
    return typeof parsed.text === 'string' && typeof parsed.revision === 'number' ? { text: parsed.text, revision: parsed.revision } : null;
  } catch {
    return null;
  }
}

export function writeBackup(itemId: string, backup: DraftBackup) {
  try {
    localStorage.setItem(key(itemId), JSON.stringify(backup));
  } catch {
    // Storage full or disabled: the server copy still stands.
  }
}

export function clearBackup(itemId: string) {
  try {
    localStorage.removeItem(key(itemId));
  } catch {
    // ignore
  }
}
