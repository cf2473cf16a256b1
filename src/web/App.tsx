import { App as AntApp, Button, ConfigProvider, Result, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useLayoutEffect, type ReactNode } from 'react';
import { hasAny, type Permission, type SessionUser } from './api/auth';
import { SessionProvider, useSession } from './api/session';
import { I18nProvider, useLang, useT } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { NAV_AREAS, landingPath } from './layout/nav';
import { matchPath, navigate, qs, useLocation } from './router';
import { AuditPage } from './routes/access/AuditPage';
import { LoginPage } from './routes/access/LoginPage';
import { NoAccess } from './routes/access/NoAccess';
import { UsersPage } from './routes/access/UsersPage';
import { AlertDetail } from './routes/monitoring/AlertDetail';
import { AlertsPage } from './routes/monitoring/AlertsPage';
import { CalendarPage } from './routes/monitoring/CalendarPage';
import { DashboardPage } from './routes/monitoring/DashboardPage';
import { IndicatorEditor } from './routes/monitoring/IndicatorEditor';
import { IndicatorsPage } from './routes/monitoring/IndicatorsPage';
import { PolicyPage } from './routes/policy/PolicyPage';
import { RecognitionPage } from './routes/recognition/RecognitionPage';
import { HouseholdPage } from './routes/registry/HouseholdPage';
import { SearchPage } from './routes/registry/SearchPage';
import { SharingIndex, SharingPage } from './routes/sharing/SharingPage';
import { ComingSoon, NotFound } from './routes/placeholder/ComingSoon';
import type { RouteDef } from './routes/route-def';
import { CASES_ROUTES } from './routes/cases/routes';
import { INTAKE_ROUTES, PUBLIC_PAGES } from './routes/intake/routes';
import { ASSISTANCE_ROUTES } from './routes/assistance/routes';
import { PRINT_ROUTES } from './routes/print/routes';
import { PaymentsPage } from './routes/payments/PaymentsPage';


const READ: readonly Permission[] = ['registry.read'];

const ROUTES: RouteDef[] = [
  { path: '/registry', anyOf: READ, render: () => <SearchPage /> },
  { path: '/households/:code', anyOf: READ, render: ({ code }) => <HouseholdPage code={code} /> },
  { path: '/admin/users', anyOf: ['users.manage'], render: () => <UsersPage /> },
  { path: '/admin/audit', anyOf: ['audit.read'], render: () => <AuditPage /> },
  { path: '/admin/policy', anyOf: [], render: () => <PolicyPage /> },
  { path: '/recognition', anyOf: ['recognition.assess'], render: () => <RecognitionPage /> },
  // the catalog is for anyone signed in (it says what is collected about people and why)
  { path: '/sharing', anyOf: [], render: () => <SharingIndex /> },
  { path: '/sharing/catalog', anyOf: [], render: () => <SharingPage tab="catalog" /> },
  { path: '/sharing/catalog/:code', anyOf: [], render: ({ code }) => <SharingPage tab="catalog" code={code} /> },
  { path: '/sharing/upload', anyOf: ['dataset.upload'], render: () => <SharingPage tab="upload" /> },
  { path: '/sharing/batches', anyOf: ['dataset.read', 'dataset.upload'], render: () => <SharingPage tab="batches" /> },
  // 动态监测: alerts need alert.read; the indicators and the working calendar are for anyone
  // signed in (changing them needs monitor.manage, checked on the page and by the server)
  { path: '/monitoring', anyOf: ['alert.read'], render: () => <DashboardPage /> },
  { path: '/alerts', anyOf: ['alert.read'], render: () => <AlertsPage /> },
  { path: '/alerts/:id', anyOf: ['alert.read'], render: ({ id }) => <AlertDetail id={id} /> },
  { path: '/monitoring/indicators', anyOf: [], render: () => <IndicatorsPage /> },
  { path: '/monitoring/indicators/:code', anyOf: [], render: ({ code }) => <IndicatorEditor code={code} /> },
  { path: '/monitoring/calendar', anyOf: [], render: () => <CalendarPage /> },
  ...CASES_ROUTES,
  ...INTAKE_ROUTES,
  ...ASSISTANCE_ROUTES,
  ...PRINT_ROUTES,
  { path: '/payments', anyOf: ['payment.read'], render: () => <PaymentsPage /> },
  { path: '/no-access', anyOf: [], render: () => <NoAccess /> },
  ...NAV_AREAS.filter((a) => !a.ready).map((a) => ({ path: a.path, anyOf: a.anyOf, render: () => <ComingSoon area={a.label} /> })),
];

const normalize = (pathname: string) => (pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);

/** Whether `href` ("/households/X?…") is a page of this app the user may open. */
function allowed(href: string, user: SessionUser): boolean {
  const path = normalize(new URL(href, 'http://local').pathname);
  const route = ROUTES.find((r) => matchPath(r.path, path));
  return !!route && hasAny(user, route.anyOf);
}

/** A same-app path from ?next= (never another origin: "//evil" and "http:" are refused). */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

function Redirect({ to }: { to: string }) {
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes({ user }: { user: SessionUser }) {
  const { pathname } = useLocation();
  const path = normalize(pathname);
  if (path === '/' || path === '/index.html') return <Redirect to={landingPath(user)} />;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return hasAny(user, route.anyOf) ? <>{route.render(params)}</> : <NoAccess />;
  }
  return <NotFound />;
}

function FullPage({ children }: { children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16 }}>
      {children}
    </div>
  );
}

/** Login page without a session; the app (filtered by the user's permissions) with one. */
function Shell() {
  const t = useT();
  const session = useSession();
  const { pathname, search, query } = useLocation();
  const onLogin = normalize(pathname) === '/login';
  const publicPage = PUBLIC_PAGES[normalize(pathname)];

  // the online application: for anyone, signed in or not, without the app menu
  if (publicPage) return <>{publicPage()}</>;
  if (session.status === 'loading') {
    return (
      <FullPage>
        <Spin size="large" description={t('session.loading')} />
      </FullPage>
    );
  }
  if (session.status === 'error') {
    return (
      <FullPage>
        <Result
          status="warning"
          title={t('session.unreachable')}
          subTitle={session.error?.message}
          extra={<Button type="primary" onClick={session.retry}>{t('common.retry')}</Button>}
        />
      </FullPage>
    );
  }
  if (!session.user) {
    if (!onLogin) {
      const here = normalize(pathname) + search;
      const next = here === '/' || here === '/index.html' ? undefined : here;
      return <Redirect to={'/login' + qs({ next })} />;
    }
    return <LoginPage />;
  }
  if (onLogin) {
    const next = safeNext(query.get('next'));
    return <Redirect to={next && allowed(next, session.user) ? next : landingPath(session.user)} />;
  }
  // the print views: the paper alone, without the menu and header
  if (normalize(pathname).startsWith('/print/')) return <Routes user={session.user} />;
  return (
    <AppLayout>
      <Routes user={session.user} />
    </AppLayout>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  const t = useT();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  useEffect(() => {
    document.title = t('app.shortTitle');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang, t]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1456c8', borderRadius: 4, fontSize: 14 },
        components: { Table: { cellPaddingBlockSM: 6 }, Layout: { headerBg: '#0b3d91', bodyBg: '#f0f2f5' } },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </Localized>
    </I18nProvider>
  );
}
