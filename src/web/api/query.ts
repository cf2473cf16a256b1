/**
 * A tiny data-fetching hook (react-query is not a dependency): results are cached by a
 * serialisable query key, concurrent requests for the same key are shared, and the previous
 * data stays visible while a new key loads (smooth table paging).
 * Keys live only in memory, so it is fine for a key to contain search text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type QueryKey = readonly unknown[];

interface Entry {
  data?: unknown;
  at: number;
  promise?: Promise<unknown>;
}

const cache = new Map<string, Entry>();

export function hashKey(key: QueryKey): string {
  return JSON.stringify(key);
}

/** Forget cached results whose key starts with `prefix` (all when omitted). */
export function invalidateQueries(prefix: QueryKey = []): void {
  const p = hashKey(prefix).slice(0, -1);
  for (const k of [...cache.keys()]) if (k.startsWith(p)) cache.delete(k);
}

function load<T>(hash: string, fetcher: () => Promise<T>): Promise<T> {
  const entry = cache.get(hash);
  if (entry?.promise) return entry.promise as Promise<T>;
  const promise = fetcher().then(
    (data) => {
      cache.set(hash, { data, at: Date.now() });
      return data;
    },
    (err: unknown) => {
      cache.delete(hash);
      throw err;
    },
  );
  cache.set(hash, { ...entry, at: entry?.at ?? 0, promise });
  return promise;
}

export interface QueryResult<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** true when `data` belongs to an earlier key (kept while the new one loads) */
  stale: boolean;
  refetch: () => void;
}

export interface QueryOptions {
  enabled?: boolean;
  /** how long a cached result is used without refetching (ms) */
  staleTime?: number;
}

export function useQuery<T>(key: QueryKey, fetcher: () => Promise<T>, opts: QueryOptions = {}): QueryResult<T> {
  const { enabled = true, staleTime = 30_000 } = opts;
  const hash = hashKey(key);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const [nonce, setNonce] = useState(0);
  const seenNonce = useRef(0);
  const [state, setState] = useState<{ hash: string; data?: T; error?: Error; loading: boolean }>(() => {
    const hit = cache.get(hash);
    return hit && 'data' in hit && hit.data !== undefined
      ? { hash, data: hit.data as T, loading: false }
      : { hash, loading: enabled };
  });

  useEffect(() => {
    if (!enabled) return;
    let active = true;
    const forced = nonce !== seenNonce.current;
    seenNonce.current = nonce;
    const hit = cache.get(hash);
    if (!forced && hit && hit.data !== undefined && Date.now() - hit.at < staleTime) {
      setState({ hash, data: hit.data as T, loading: false });
      return;
    }
    if (forced && !hit?.promise) cache.delete(hash);
    setState((s) => ({ hash, data: s.data, loading: true }));
    load(hash, () => fetcherRef.current()).then(
      (data) => active && setState({ hash, data: data as T, loading: false }),
      (error: unknown) =>
        active && setState({ hash, error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      active = false;
    };
  }, [hash, enabled, staleTime, nonce]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  const stale = state.hash !== hash;
  return {
    data: state.data,
    error: stale ? undefined : state.error,
    loading: enabled && (state.loading || stale),
    stale,
    refetch,
  };
}

/** Imperative fetch through the same cache (for event handlers such as lazy tree loading). */
export function fetchQuery<T>(key: QueryKey, fetcher: () => Promise<T>, staleTime = 30_000): Promise<T> {
  const hash = hashKey(key);
  const hit = cache.get(hash);
  if (hit && hit.data !== undefined && Date.now() - hit.at < staleTime) return Promise.resolve(hit.data as T);
  return load(hash, fetcher);
}
