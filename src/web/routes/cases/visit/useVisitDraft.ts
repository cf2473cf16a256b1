/**
 * Drafts of the home-visit form. Every change is kept in this browser (localStorage, per user
 * and case) until the server has it; 保存草稿 — and leaving the page, or the phone hiding it, with
 * unsaved changes — sends `save_visit`. Offline, the copy stays here and is sent when the
 * connection returns. On return the newer of the server's draft and the local copy is restored.
 * The local copy holds the survey only (members as person ids, no ID number) and is removed
 * once the server has saved or the visit is submitted.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/api';
import { casesApi, invalidateCases, type CaseDetail, type CaseVisit, type VisitForm, type VisitOutcome } from '../../../api/cases';

export interface LocalDraft {
  visit: VisitForm;
  outcome?: VisitOutcome;
  saved_at: string;
}

export const draftKey = (username: string, caseId: string) => `safetynet.visit-draft:${username}:${caseId}`;

export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as LocalDraft;
    return d && typeof d === 'object' && d.visit && typeof d.saved_at === 'string' ? d : null;
  } catch {
    return null;
  }
}

function writeLocalDraft(key: string, d: LocalDraft): void {
  try {
    localStorage.setItem(key, JSON.stringify(d));
  } catch {
    /* storage full or unavailable: the server save still works */
  }
}

function clearLocalDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing to clear */
  }
}

/** The case's latest saved (not submitted) visit. */
export function serverDraftOf(c: Pick<CaseDetail, 'visits'>): CaseVisit | undefined {
  return (c.visits ?? []).filter((v) => v.status === 'draft').sort((a, b) => String(b.saved_at).localeCompare(String(a.saved_at)))[0];
}

export interface DraftStart {
  from: 'local' | 'server' | 'new';
  visit: VisitForm;
  outcome?: VisitOutcome;
  at: string | null;
}

/** Start from the local copy when the server has no draft or an older one (changes not yet sent). */
export function pickDraft(server: CaseVisit | undefined, local: LocalDraft | null): DraftStart {
  const serverAt = server ? new Date(server.saved_at).getTime() : -Infinity;
  if (local && new Date(local.saved_at).getTime() > serverAt) return { from: 'local', visit: local.visit, outcome: local.outcome, at: local.saved_at };
  if (server) return { from: 'server', visit: server.form ?? {}, at: server.saved_at };
  return { from: 'new', visit: {}, at: null };
}

export type DraftStatus =
  | { kind: 'new' }
  | { kind: 'unsaved'; at: string }
  | { kind: 'saving' }
  | { kind: 'server'; at: string }
  | { kind: 'local'; at: string; restored?: boolean }
  | { kind: 'error'; message: string };

const isOffline = (e: unknown) => e instanceof ApiError && e.status === 0;
const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export function useVisitDraft(opts: {
  caseId: string;
  username: string;
  start: DraftStart;
  /** the survey and outcome as the form holds them now */
  read: () => { visit: VisitForm; outcome?: VisitOutcome };
}) {
  const { caseId, username, start } = opts;
  const key = draftKey(username, caseId);
  const [status, setStatus] = useState<DraftStatus>(() =>
    start.from === 'server' ? { kind: 'server', at: start.at! } : start.from === 'local' ? { kind: 'local', at: start.at!, restored: true } : { kind: 'new' },
  );
  const readRef = useRef(opts.read);
  readRef.current = opts.read;
  /** changes since the last server save (a counter, so a change made during a save is not lost) */
  const changes = useRef(start.from === 'local' ? 1 : 0);
  const saved = useRef(0);
  const inFlight = useRef<Promise<CaseDetail | null> | null>(null);
  const finished = useRef(false);

  const changed = useCallback(() => {
    if (finished.current) return;
    changes.current += 1;
    const { visit, outcome } = readRef.current();
    const at = new Date().toISOString();
    writeLocalDraft(key, { visit, outcome, saved_at: at });
    setStatus({ kind: 'unsaved', at });
  }, [key]);

  /** Send the draft (save_visit); one at a time. Resolves with the case, or null when it stayed local. */
  const save = useCallback((): Promise<CaseDetail | null> => {
    if (inFlight.current) return inFlight.current;
    const { visit, outcome } = readRef.current();
    const upTo = changes.current;
    const keepLocal = (restored = false) => {
      const at = new Date().toISOString();
      writeLocalDraft(key, { visit, outcome, saved_at: at });
      setStatus({ kind: 'local', at, restored });
      return null;
    };
    if (!online()) return Promise.resolve(keepLocal());
    setStatus({ kind: 'saving' });
    const p = casesApi.transition(caseId, { action: 'save_visit', data: { visit } }).then(
      (updated) => {
        saved.current = upTo;
        if (changes.current === upTo) clearLocalDraft(key);
        setStatus({ kind: 'server', at: new Date().toISOString() });
        invalidateCases();
        return updated;
      },
      (e: unknown) => {
        if (isOffline(e)) return keepLocal();
        setStatus({ kind: 'error', message: (e as Error).message });
        return null;
      },
    );
    inFlight.current = p.finally(() => {
      inFlight.current = null;
    });
    return inFlight.current;
  }, [caseId, key]);

  const unsaved = () => !finished.current && changes.current > saved.current;

  /** The visit was submitted: nothing left to keep. */
  const finish = useCallback(() => {
    finished.current = true;
    clearLocalDraft(key);
  }, [key]);

  useEffect(() => {
    // a local copy the server has not seen: send it now if there is a connection
    if (start.from === 'local' && online()) void save();
    const onOnline = () => unsaved() && void save();
    const onHide = () => document.visibilityState === 'hidden' && unsaved() && void save();
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onHide);
      // leaving the page with changes: save them
      if (unsaved()) void save();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save]);

  return { status, changed, save, finish, unsaved };
}
