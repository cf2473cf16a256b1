import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useLayoutEffect, type ReactNode } from 'react';
import { I18nProvider, useLang, useT } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { NAV_AREAS } from './layout/nav';
import { matchPath, navigate, useLocation } from './router';
import { HouseholdPage } from './routes/registry/HouseholdPage';
import { SearchPage } from './routes/registry/SearchPage';
import { ComingSoon, NotFound } from './routes/placeholder/ComingSoon';

interface RouteDef {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: RouteDef[] = [
  { path: '/registry', render: () => <SearchPage /> },
  { path: '/households/:code', render: ({ code }) => <HouseholdPage code={code} /> },
  ...NAV_AREAS.filter((a) => !a.ready).map((a) => ({ path: a.path, render: () => <ComingSoon area={a.label} /> })),
];

function Redirect({ to }: { to: string }) {
  useLayoutEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Routes() {
  const { pathname } = useLocation();
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '/index.html') return <Redirect to="/registry" />;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <NotFound />;
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
        <AppLayout>
          <Routes />
        </AppLayout>
      </Localized>
    </I18nProvider>
  );
}
