import { LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Drawer, Dropdown, Layout, Menu, Tooltip, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useRegion } from '../api/registry';
import { useCurrentUser, useSession } from '../api/session';
import { useLang, useT } from '../i18n';
import { navigate, useLocation } from '../router';
import { useAccessLabels } from '../routes/access/labels';
import { ADMIN_GROUP, MONITORING_GROUP, NAV_AREAS, areaOf, visibleAreas, type NavArea } from './nav';
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

/** Who is signed in: name and role in the header, with 退出; a compact menu on a phone. */
function UserBox({ compact }: { compact: boolean }) {
  const t = useT();
  const user = useCurrentUser();
  const { logout } = useSession();
  const { role } = useAccessLabels();
  const { data: region } = useRegion(user.region_code);
  const name = user.display_name || user.username;
  const where = [region?.path.map((r) => r.name).join(' / ') ?? user.region_code, user.department].filter(Boolean).join(' · ');
  const [leaving, setLeaving] = useState(false);
  const onLogout = () => {
    setLeaving(true);
    void logout();
  };

  if (compact) {
    return (
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <div style={{ lineHeight: 1.5, color: '#262626', maxWidth: 240 }}>
                  <div style={{ fontWeight: 600 }}>{name}</div>
                  <div style={{ fontSize: 12, color: '#595959' }}>{role(user.role)}</div>
                  <div style={{ fontSize: 12, color: '#8c8c8c' }}>{where}</div>
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('session.logout'), onClick: onLogout },
          ],
        }}
      >
        <Button type="text" aria-label={name} data-testid="user-menu" icon={<UserOutlined style={{ color: '#fff', fontSize: 18 }} />} />
      </Dropdown>
    );
  }
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, color: '#fff', flex: 'none' }} data-testid="current-user">
      <Tooltip title={where} placement="bottomRight">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, lineHeight: 1.25, cursor: 'default' }}>
          <span
            aria-hidden
            style={{
              display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 28, height: 28,
              borderRadius: '50%', background: 'rgba(255,255,255,0.16)', flex: 'none',
            }}
          >
            <UserOutlined />
          </span>
          <div style={{ maxWidth: 220 }}>
            <div style={{ fontSize: 14, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{name}</div>
            <div style={{ fontSize: 12, opacity: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{role(user.role)}</div>
          </div>
        </div>
      </Tooltip>
      <Divider orientation="vertical" style={{ borderColor: 'rgba(255,255,255,0.3)', height: 24, margin: 0 }} />
      <Button size="small" ghost icon={<LogoutOutlined />} onClick={onLogout} loading={leaving} data-testid="logout">
        {t('session.logout')}
      </Button>
    </div>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const { pathname } = useLocation();
  const user = useCurrentUser();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const selected = areaOf(pathname);

  // Only what the role may open: the registry, the flow areas, then 系统管理.
  const areas = visibleAreas(user);
  const entry = (a: NavArea) => ({ key: a.key, icon: a.icon, label: t(a.label) });
  const head = areas.filter((a) => a.group === 'registry').map(entry);
  // the flow, with 动态监测's pages as one submenu where its first page stands
  const monitoring = areas.filter((a) => a.parent === 'monitoring').map(entry);
  const flow = areas
    .filter((a) => a.group === 'flow' && (!a.parent || a.key === monitoring[0]?.key))
    .map((a) => (a.parent ? { key: MONITORING_GROUP.key, icon: MONITORING_GROUP.icon, label: t(MONITORING_GROUP.label), children: monitoring } : entry(a)));
  const admin = areas.filter((a) => a.group === 'admin').map(entry);
  const items: MenuProps['items'] = [
    ...head,
    ...(head.length && flow.length ? [{ type: 'divider' as const }] : []),
    ...flow,
    ...(admin.length && (head.length || flow.length) ? [{ type: 'divider' as const }] : []),
    ...(admin.length ? [{ key: ADMIN_GROUP.key, icon: ADMIN_GROUP.icon, label: t(ADMIN_GROUP.label), children: admin }] : []),
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
      defaultOpenKeys={[MONITORING_GROUP.key, ADMIN_GROUP.key]}
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
        icon={isMobile ? undefined : <TranslationOutlined />}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="lang-switch"
      >
        {isMobile ? t('lang.short') : t('lang.switch')}
      </Button>
    </Tooltip>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex', alignItems: 'center', gap: isMobile ? 8 : 12, padding: isMobile ? '0 8px 0 4px' : '0 20px',
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
        <UserBox compact={isMobile} />
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
