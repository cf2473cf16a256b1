/**
 * Fetch wrapper for the Safety Net API. Errors carry the server's
 * `{"error":{"code","message"}}` (message is "中文 / English").
 * Privacy: never put names or ID numbers in a URL — send them in a POST body.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

async function toError(res: Response): Promise<ApiError> {
  let code = 'HTTP_' + res.status;
  let message = `请求失败（HTTP ${res.status}） / Request failed (HTTP ${res.status})`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body?.error?.message) message = body.error.message;
    if (body?.error?.code) code = body.error.code;
  } catch {
    /* not JSON (proxy error page etc.): keep the generic message */
  }
  return new ApiError(res.status, code, message);
}

async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器 / Cannot reach the server');
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await send('GET', path, undefined, signal)).json() as Promise<T>;
}

export async function apiPost<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return (await send('POST', path, body, signal)).json() as Promise<T>;
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
