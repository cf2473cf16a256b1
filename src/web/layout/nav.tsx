import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  HeartOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { hasAny, type Permission, type SessionUser } from '../api/auth';
import type { MessageKey } from '../i18n';

export interface NavArea {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** built in this release; the others show a "coming later" placeholder */
  ready: boolean;
  /** shown to users holding at least one of these permissions */
  anyOf: readonly Permission[];
  /** menu group: the registry, the platform's flow, or system administration */
  group: 'registry' | 'flow' | 'admin';
}

const READ: readonly Permission[] = ['registry.read'];

/**
 * The registry, then the platform's flow: sharing → monitoring → verification → recognition →
 * assistance → statistics, then system administration. Department roles see the flow areas
 * they take part in (data providers: sharing; handlers: assistance).
 */
export const NAV_AREAS: NavArea[] = [
  { key: 'registry', path: '/registry', label: 'nav.registry', icon: <DatabaseOutlined />, ready: true, anyOf: READ, group: 'registry' },
  { key: 'sharing', path: '/sharing', label: 'nav.sharing', icon: <CloudSyncOutlined />, ready: true, anyOf: ['registry.read', 'dataset.upload', 'dataset.read'], group: 'flow' },
  { key: 'monitoring', path: '/monitoring', label: 'nav.monitoring', icon: <AlertOutlined />, ready: false, anyOf: READ, group: 'flow' },
  { key: 'verification', path: '/verification', label: 'nav.verification', icon: <AuditOutlined />, ready: false, anyOf: READ, group: 'flow' },
  { key: 'recognition', path: '/recognition', label: 'nav.recognition', icon: <SafetyCertificateOutlined />, ready: true, anyOf: ['recognition.assess'], group: 'flow' },
  { key: 'assistance', path: '/assistance', label: 'nav.assistance', icon: <HeartOutlined />, ready: false, anyOf: ['registry.read', 'referral.handle'], group: 'flow' },
  { key: 'statistics', path: '/statistics', label: 'nav.statistics', icon: <BarChartOutlined />, ready: false, anyOf: READ, group: 'flow' },
  { key: 'users', path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, ready: true, anyOf: ['users.manage'], group: 'admin' },
  { key: 'audit', path: '/admin/audit', label: 'nav.audit', icon: <FileProtectOutlined />, ready: true, anyOf: ['audit.read'], group: 'admin' },
  // every signed-in user may read the policy parameters; setting one needs policy.manage
  { key: 'policy', path: '/admin/policy', label: 'nav.policy', icon: <ProfileOutlined />, ready: true, anyOf: [], group: 'admin' },
];

export const ADMIN_GROUP = { key: 'admin', label: 'nav.admin' as MessageKey, icon: <SettingOutlined /> };

/** The areas this user may open, in menu order. */
export function visibleAreas(user: Pick<SessionUser, 'permissions'> | null | undefined): NavArea[] {
  return NAV_AREAS.filter((a) => hasAny(user, a.anyOf));
}

/** The first page the user may see ('/no-access' when there is none). */
export function landingPath(user: Pick<SessionUser, 'permissions'> | null | undefined): string {
  return visibleAreas(user)[0]?.path ?? '/no-access';
}

/** Which nav entry a pathname belongs to (household pages belong to the registry). */
export function areaOf(pathname: string): string | undefined {
  if (pathname.startsWith('/households/')) return 'registry';
  return NAV_AREAS.find((a) => pathname === a.path || pathname.startsWith(a.path + '/'))?.key;
}
