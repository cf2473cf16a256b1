/**
 * Fetch wrapper for the Safety Net API. Errors carry the server's
 * `{"error":{"code","message"}}` (message is "中文 / English").
 * Privacy: never put names or ID numbers in a URL — send them in a POST body.
 *
 * Sessions: the browser sends the httpOnly `sn_session` cookie by itself (same origin); every
 * state-changing request also carries the session's CSRF token in `x-csrf-token`. The token is
 * kept in memory only (never in storage): after a reload GET /api/auth/me hands it out again.
 * A 401 on any call except the auth calls themselves means the session has ended; the
 * SessionProvider registers the handler that sends the user to the login page.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** the server's `error.details` when it sent any (e.g. which part of a definition is wrong) */
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** An ApiError from a status and the response text (`{"error":{"code","message"}}` when JSON). */
export function errorFrom(status: number, text: string): ApiError {
  let code = 'HTTP_' + status;
  let message = `请求失败（HTTP ${status}） / Request failed (HTTP ${status})`;
  let details: unknown;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body?.error?.message) message = body.error.message;
    if (body?.error?.code) code = body.error.code;
    details = body?.error?.details;
  } catch {
    /* not JSON (proxy error page etc.): keep the generic message */
  }
  return new ApiError(status, code, message, details);
}

async function toError(res: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    /* body unreadable: the generic message */
  }
  return errorFrom(res.status, text);
}

let csrfToken: string | null = null;
let unauthorizedHandler: ((err: ApiError) => void) | null = null;

/** The session's CSRF token (from login or /api/auth/me); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called on a 401 from any call made with `authRedirect` (the default). Returns an unregister function. */
export function setUnauthorizedHandler(handler: ((err: ApiError) => void) | null): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) unauthorizedHandler = null;
  };
}

/** A 401 seen outside send() (an XMLHttpRequest upload): ends the session like any call. */
export function reportUnauthorized(err: ApiError): void {
  if (err.status === 401) unauthorizedHandler?.(err);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * false for calls whose 401 is an answer rather than an ended session (login with a wrong
   * password, the start-up /api/auth/me, logout); default true.
   */
  authRedirect?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function send(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      signal: opts.signal,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器 / Cannot reach the server');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && opts.authRedirect !== false) unauthorizedHandler?.(err);
    throw err;
  }
  return res;
}

export async function apiGet<T>(path: string, opts?: RequestOptions): Promise<T> {
  return (await send('GET', path, undefined, opts)).json() as Promise<T>;
}

/** POST a JSON body (`undefined` sends none). Carries the CSRF token. */
export async function apiPost<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T> {
  return (await send('POST', path, body, opts)).json() as Promise<T>;
}

/** PUT a JSON body. Carries the CSRF token. */
export async function apiPut<T>(path: string, body: unknown, opts?: RequestOptions): Promise<T> {
  return (await send('PUT', path, body, opts)).json() as Promise<T>;
}

/** DELETE; the answer's JSON body when there is one (204 → undefined). Carries the CSRF token. */
export async function apiDelete<T = unknown>(path: string, opts?: RequestOptions): Promise<T | undefined> {
  const res = await send('DELETE', path, undefined, opts);
  const text = await res.text();
  return text ? (JSON.parse(text) as T) : undefined;
}

/** Filename from Content-Disposition (RFC 5987 filename* first), else the fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Download a file the server generates (XLSX). POST bodies keep filters with names/ID numbers
 * out of URLs; the response blob is saved through a temporary object URL.
 */
export async function downloadFile(path: string, opts: { body?: unknown; fallbackName: string }): Promise<string> {
  const res = await send(opts.body === undefined ? 'GET' : 'POST', path, opts.body);
  const blob = await res.blob();
  const name = filenameFrom(res.headers.get('Content-Disposition'), opts.fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
