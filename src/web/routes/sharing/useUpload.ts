/**
 * One upload from start to result: the file is sent (with upload progress), then the server's
 * load is followed every POLL_MS until the report (committed, rejected or duplicate) or an error.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendDatasetFile, sharingApi, type IngestReport } from '../../api/sharing';

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; loaded: number; total: number }
  | { phase: 'processing'; rows: number; bytes: number; size: number }
  | { phase: 'done'; report: IngestReport }
  | { phase: 'failed'; message: string };

export const POLL_MS = 500;

export interface StartOptions {
  skipInvalid?: boolean;
  supersede?: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const id = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(id);
      resolve();
    });
  });

export function useUpload() {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(async (dataset: string, file: File, opts: StartOptions = {}) => {
    current.current?.abort();
    const ac = new AbortController();
    current.current = ac;
    const { signal } = ac;
    const set = (s: UploadState) => !signal.aborted && setState(s);
    set({ phase: 'uploading', name: file.name, loaded: 0, total: file.size });
    try {
      const sent = await sendDatasetFile(dataset, file, {
        ...opts,
        signal,
        onProgress: (loaded, total) => set({ phase: 'uploading', name: file.name, loaded, total }),
      });
      if (sent.report || !sent.upload_id) {
        if (sent.report) set({ phase: 'done', report: sent.report });
        return;
      }
      set({ phase: 'processing', rows: 0, bytes: 0, size: file.size });
      while (!signal.aborted) {
        const job = await sharingApi.upload(sent.upload_id, { signal });
        if (job.status === 'done' && job.report) return set({ phase: 'done', report: job.report });
        if (job.status === 'failed') return set({ phase: 'failed', message: job.error?.message ?? '载入失败 / the load failed' });
        set({ phase: 'processing', ...job.progress });
        await sleep(POLL_MS, signal);
      }
    } catch (e) {
      if ((e as Error)?.name !== 'AbortError') set({ phase: 'failed', message: (e as Error).message });
    }
  }, []);

  const reset = useCallback(() => {
    current.current?.abort();
    setState({ phase: 'idle' });
  }, []);

  return { state, start, reset, busy: state.phase === 'uploading' || state.phase === 'processing' };
}
