/**
 * Helpers for the jsdom component tests (not bundled: nothing in the app imports this file).
 * fetch is mocked here on purpose — these tests check rendering and request shapes; the real
 * server is exercised by test/e2e/registry.e2e.test.ts.
 */
import { cleanup, configure, render } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setCsrfToken, setUnauthorizedHandler } from './api/api';
import type { Permission, SessionUser } from './api/auth';
import { invalidateQueries } from './api/query';
import { App } from './App';
import { resetSearchMemory } from './routes/registry/searchState';

// The app first restores the session (GET /api/auth/me), then renders antd's heavy first page:
// give findBy…/waitFor more than the default second on a busy two-core machine (15 s: with the
// whole suite and other work sharing two cores, a page with antd's Collapse and DatePicker can
// take longer than 5 s to appear).
configure({ asyncUtilTimeout: 15_000 });

export interface RecordedCall {
  method: string;
  url: string;
  body: unknown;
  /** request headers, lower-cased names */
  headers: Record<string, string>;
}
export type Handler = (call: RecordedCall) => { status?: number; body: unknown; headers?: Record<string, string> } | undefined;

export const VOCABULARY = {
  categories: [
    { code: 'dibao', zh: '最低生活保障对象', en: 'Minimum living allowance (dibao)' },
    { code: 'tekun', zh: '特困人员', en: 'Extreme poverty (tekun)' },
    { code: 'marginal', zh: '最低生活保障边缘家庭成员', en: 'Marginal family (dibao edge)' },
  ],
  relations: [
    { code: 'head', zh: '户主', en: 'Head' },
    { code: 'spouse', zh: '配偶', en: 'Spouse' },
    { code: 'child', zh: '子女', en: 'Child' },
  ],
  hukou_types: [
    { code: 'urban', zh: '城镇', en: 'Urban' },
    { code: 'rural', zh: '农村', en: 'Rural' },
  ],
  disability_types: [{ code: 'physical', zh: '肢体残疾', en: 'Physical' }],
  work_abilities: [{ code: 'none', zh: '无劳动能力', en: 'None' }],
  health_states: [{ code: 'chronic', zh: '慢性病', en: 'Chronic illness' }],
  school_stages: [{ code: 'primary', zh: '小学', en: 'Primary' }],
  employment_states: [{ code: 'unemployed', zh: '失业', en: 'Unemployed' }],
};

export const ALL_PERMISSIONS: Permission[] = [
  'audit.read', 'authorization.manage', 'catalog.manage', 'dataset.read', 'dataset.upload', 'pii.reveal', 'recognition.assess', 'referral.handle',
  'registry.import', 'registry.read', 'registry.write', 'users.manage',
];
export const CSRF = 'csrf_test_token';

/** A signed-in user for /api/auth/me (the province administrator unless overridden). */
export function sessionUser(over: Partial<SessionUser> = {}): SessionUser {
  return {
    username: 'demo_admin', display_name: '省级管理员（演示）', role: 'province_admin', region_code: '22',
    department: null, permissions: ALL_PERMISSIONS, ...over,
  };
}

/** GET /api/auth/me answers with this user (and the CSRF token). */
export const signedInAs = (user: SessionUser): Handler => ({ method, url }) =>
  method === 'GET' && url === '/api/auth/me' ? { body: { user, csrf_token: CSRF } } : undefined;

/** GET /api/auth/me answers 401: nobody is signed in. */
export const signedOut: Handler = ({ method, url }) =>
  method === 'GET' && url === '/api/auth/me'
    ? { status: 401, body: { error: { code: 'UNAUTHORIZED', message: '请先登录 / please sign in' } } }
    : undefined;

export const ROLES_CATALOG = {
  roles: {
    province_admin: { zh: '省级管理员', en: 'Province administrator' },
    civil_affairs_officer: { zh: '民政工作人员（市/县）', en: 'Civil-affairs officer (prefecture/county)' },
    township_officer: { zh: '乡镇（街道）经办人员', en: 'Township officer' },
    village_worker: { zh: '村（社区）网格员', en: 'Village grid worker' },
    department_data_provider: { zh: '部门数据报送员', en: 'Department data provider' },
    department_handler: { zh: '部门经办人员', en: 'Department handler' },
    auditor: { zh: '审计人员', en: 'Auditor' },
  },
  permissions: Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, { zh: p, en: p }])),
};

const BASE: Handler = (call) => {
  const { method, url } = call;
  const me = signedInAs(sessionUser())(call);
  if (me) return me;
  if (method === 'GET' && url === '/api/access/roles') return { body: ROLES_CATALOG };
  if (method === 'GET' && url === '/api/auth/demo-accounts') return { body: { password: null, items: [] } };
  if (method === 'GET' && url === '/api/vocabulary') return { body: VOCABULARY };
  if (method === 'GET' && /^\/api\/households\/[^/]+\/assessments$/.test(url)) return { body: { items: [] } };
  if (method === 'GET' && /^\/api\/households\/[^/]+\/facts$/.test(url)) return { body: { household_code: url.split('/')[3], datasets: [] } };
  if (method === 'GET' && /^\/api\/households\/[^/]+\/timeline$/.test(url)) return { body: { household_code: url.split('/')[3], events: [] } };
  if (method === 'GET' && url === '/api/regions/22')
    return { body: { code: '22', name: '吉林省', level: 'province', parent_code: null, path: [{ code: '22', name: '吉林省', level: 'province' }] } };
  if (method === 'GET' && url === '/api/regions/22/children')
    return { body: { items: [{ code: '2201', name: '长春市', level: 'prefecture', has_children: true }] } };
  return undefined;
};

/** Replace global fetch; handlers are tried in order, then the shared vocabulary/region ones. */
export function mockFetch(...handlers: Handler[]) {
  const calls: RecordedCall[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const call = { method, url, body, headers };
    calls.push(call);
    for (const h of [...handlers, BASE]) {
      const r = h(call);
      if (r) {
        const payload = r.body instanceof Blob ? r.body : JSON.stringify(r.body);
        return new Response(payload, { status: r.status ?? 200, headers: r.headers ?? { 'Content-Type': 'application/json' } });
      }
    }
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `未模拟 / not mocked: ${method} ${url}` } }), { status: 404 });
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn };
}

/** File names "saved" by downloadFile() (jsdom cannot navigate to blob: URLs). */
export const downloads: string[] = [];

/** Browser APIs jsdom lacks but antd uses. `width` drives antd's responsive breakpoints. */
export function setViewportWidth(width: number) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => {
      const min = /min-width:\s*(\d+)px/.exec(query);
      const max = /max-width:\s*(\d+)px/.exec(query);
      const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
      return {
        matches, media: query, onchange: null,
        addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false,
      };
    },
  });
}

function polyfill() {
  setViewportWidth(1440);
  window.scrollTo = () => {};
  const gcs = window.getComputedStyle.bind(window);
  if (!(gcs as { patched?: boolean }).patched) {
    const patched = (elt: Element) => gcs(elt);
    (patched as { patched?: boolean }).patched = true;
    window.getComputedStyle = patched as typeof window.getComputedStyle;
  }
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  downloads.length = 0;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
  URL.createObjectURL = () => 'blob:mock';
  URL.revokeObjectURL = () => {};
}

export function setupWebTest() {
  beforeEach(() => {
    polyfill();
    localStorage.clear();
    setCsrfToken(null);
    setUnauthorizedHandler(null);
    invalidateQueries();
    resetSearchMemory();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}

/** Render the whole app at `path` (layout, routing, i18n, antd providers). */
export function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}
