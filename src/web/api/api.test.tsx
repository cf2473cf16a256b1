// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, setupWebTest } from '../test-utils';
import { ApiError, apiGet, apiPost, downloadFile, filenameFrom, setCsrfToken, setUnauthorizedHandler } from './api';
import { splitNameOrId } from './registry';

setupWebTest();

describe('api helpers', () => {
  it('classifies the search text as a name or an ID number', () => {
    expect(splitNameOrId('')).toEqual({});
    expect(splitNameOrId('  张三 ')).toEqual({ name: '张三' });
    expect(splitNameOrId('22010219800101123x')).toEqual({ id_number: '22010219800101123X' });
    expect(splitNameOrId('220102198001011234')).toEqual({ id_number: '220102198001011234' });
    expect(splitNameOrId('220102800101123')).toEqual({ id_number: '220102800101123' });
    expect(splitNameOrId('2201021980')).toEqual({ name: '2201021980' });
  });

  it('reads the file name from Content-Disposition', () => {
    expect(filenameFrom(null, 'x.xlsx')).toBe('x.xlsx');
    expect(filenameFrom('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx');
    expect(filenameFrom(`attachment; filename="a.xlsx"; filename*=UTF-8''%E5%AE%B6.xlsx`, 'x.xlsx')).toBe('家.xlsx');
  });

  it("throws the server's error message and code", async () => {
    mockFetch(() => ({ status: 400, body: { error: { code: 'VALIDATION', message: '页码无效 / Invalid page' } } }));
    const err = await apiPost('/api/households/search', { page: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('页码无效 / Invalid page');
    expect((err as ApiError).code).toBe('VALIDATION');
    expect((err as ApiError).status).toBe(400);
  });

  it('falls back to a bilingual message for non-JSON errors', async () => {
    mockFetch(() => ({ status: 502, body: new Blob(['<html>Bad gateway</html>']), headers: {} }));
    const err = (await apiPost('/api/x', {}).catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('请求失败（HTTP 502） / Request failed (HTTP 502)');
  });

  it('sends the CSRF token on every POST, never on a GET', async () => {
    const { calls } = mockFetch(({ url }) => (url.startsWith('/api/x') ? { body: {} } : undefined));
    setCsrfToken('csrf_abc');
    await apiPost('/api/x/search', { name: '张三' });
    await apiPost('/api/x/disable', undefined);
    await apiGet('/api/x/1');
    await downloadFile('/api/x/export', { body: { category: 'dibao' }, fallbackName: 'x.xlsx' });
    expect(calls.map((c) => [c.method, c.url, c.headers['x-csrf-token']])).toEqual([
      ['POST', '/api/x/search', 'csrf_abc'],
      ['POST', '/api/x/disable', 'csrf_abc'],
      ['GET', '/api/x/1', undefined],
      ['POST', '/api/x/export', 'csrf_abc'],
    ]);
    // a body-less POST sends no JSON content type (the server would reject an empty JSON body)
    expect(calls[1].headers['content-type']).toBeUndefined();
    expect(calls[0].headers['content-type']).toBe('application/json');
  });

  it('reports a 401 to the session handler, except for the auth calls themselves', async () => {
    mockFetch(() => ({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: '请先登录 / please sign in' } } }));
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    const err = (await apiGet('/api/households/1').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(401);
    expect(handler).toHaveBeenCalledTimes(1);
    await apiPost('/api/auth/login', { username: 'a', password: 'b' }, { authRedirect: false }).catch(() => {});
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
