/**
 * The report a grid worker could not send yet (no signal in the village): kept in this
 * browser's localStorage, per user, with the form's client_key, until the server has it. It
 * holds what the form holds (a person's ID number too) and is removed as soon as it is sent or
 * discarded.
 */
export interface PendingReport<V> {
  client_key: string;
  values: V;
  saved_at: string;
}

const keyFor = (username: string) => `safetynet.report.pending:${username}`;

export function loadPending<V>(username: string): PendingReport<V> | null {
  try {
    const raw = localStorage.getItem(keyFor(username));
    const p = raw ? (JSON.parse(raw) as PendingReport<V>) : null;
    return p && typeof p.client_key === 'string' && p.values ? p : null;
  } catch {
    return null;
  }
}

export function savePending<V>(username: string, p: PendingReport<V>): boolean {
  try {
    localStorage.setItem(keyFor(username), JSON.stringify(p));
    return true;
  } catch {
    return false; // storage full or disabled: the form still holds the report
  }
}

export function clearPending(username: string): void {
  try {
    localStorage.removeItem(keyFor(username));
  } catch {
    /* nothing kept */
  }
}

/** A new form's own id: a double tap or a resend of this form files one report. */
export function newClientKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  c?.getRandomValues?.(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') || `k${Date.now()}${Math.random().toString(36).slice(2)}`;
}
