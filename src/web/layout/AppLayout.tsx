import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, Tooltip, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useLang, useT } from '../i18n';
import { navigate, useLocation } from '../router';
import { NAV_AREAS, areaOf } from './nav';
import { useIsMobile } from './useIsMobile';

const { Header, Sider, Content, Footer } = Layout;

const HEADER_BG = '#0b3d91';

function Emblem() {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 30, height: 30,
        borderRadius: 6, background: '#fff', color: HEADER_BG, fontWeight: 700, fontSize: 16, flex: 'none',
      }}
    >
      吉
    </span>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const { pathname } = useLocation();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const selected = areaOf(pathname);

  const items: MenuProps['items'] = [
    ...NAV_AREAS.slice(0, 1).map((a) => ({ key: a.key, icon: a.icon, label: t(a.label) })),
    { type: 'divider' as const },
    ...NAV_AREAS.slice(1).map((a) => ({ key: a.key, icon: a.icon, label: t(a.label) })),
  ];
  const onMenu: MenuProps['onClick'] = ({ key, domEvent }) => {
    const area = NAV_AREAS.find((a) => a.key === key);
    domEvent.preventDefault();
    setDrawerOpen(false);
    if (area) navigate(area.path);
  };
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={onMenu}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const langButton = (
    <Tooltip title={t('lang.switchTitle')}>
      <Button
        size="small"
        ghost
        icon={<TranslationOutlined />}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="lang-switch"
      >
        {t('lang.switch')}
      </Button>
    </Tooltip>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex', alignItems: 'center', gap: 12, padding: isMobile ? '0 12px' : '0 20px',
          background: HEADER_BG, height: 56, lineHeight: '56px', position: 'sticky', top: 0, zIndex: 100,
        }}
      >
        {isMobile && (
          <Button
            type="text"
            aria-label={t('app.menu')}
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Emblem />
        <div style={{ flex: 1, minWidth: 0, color: '#fff', lineHeight: 1.25 }}>
          <div
            style={{ fontSize: isMobile ? 15 : 17, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            title={t('app.title')}
          >
            {isMobile ? t('app.shortTitle') : t('app.title')}
          </div>
          {!isMobile && <div style={{ fontSize: 12, opacity: 0.75 }}>{t('app.shortTitle')} · {t('app.org')}</div>}
        </div>
        {langButton}
      </Header>
      <Layout>
        {!isMobile && (
          <Sider
            theme="light"
            width={208}
            collapsedWidth={56}
            collapsible
            collapsed={collapsed}
            trigger={null}
            style={{ borderInlineEnd: '1px solid #e8e8e8', position: 'sticky', top: 56, height: 'calc(100vh - 56px)', overflow: 'auto' }}
          >
            <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
              <div style={{ flex: 1, paddingTop: 8 }}>{menu}</div>
              <Button
                type="text"
                block
                aria-label="collapse"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed((c) => !c)}
                style={{ borderTop: '1px solid #f0f0f0', borderRadius: 0, height: 40 }}
              />
            </div>
          </Sider>
        )}
        {isMobile && (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={240}
            title={t('app.shortTitle')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Layout>
          <Content style={{ padding: isMobile ? 8 : 16, minWidth: 0 }}>{children}</Content>
          <Footer style={{ textAlign: 'center', padding: '8px 16px 16px', fontSize: 12, color: '#8c8c8c', background: 'transparent' }}>
            {t('app.org')} · Safety Net
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
