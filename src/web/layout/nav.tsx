import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  DatabaseOutlined,
  HeartOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n';

export interface NavArea {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** built in this release; the others show a "coming later" placeholder */
  ready: boolean;
}

/** The registry, then the platform's flow: sharing → monitoring → verification → recognition → assistance → statistics. */
export const NAV_AREAS: NavArea[] = [
  { key: 'registry', path: '/registry', label: 'nav.registry', icon: <DatabaseOutlined />, ready: true },
  { key: 'sharing', path: '/sharing', label: 'nav.sharing', icon: <CloudSyncOutlined />, ready: false },
  { key: 'monitoring', path: '/monitoring', label: 'nav.monitoring', icon: <AlertOutlined />, ready: false },
  { key: 'verification', path: '/verification', label: 'nav.verification', icon: <AuditOutlined />, ready: false },
  { key: 'recognition', path: '/recognition', label: 'nav.recognition', icon: <SafetyCertificateOutlined />, ready: false },
  { key: 'assistance', path: '/assistance', label: 'nav.assistance', icon: <HeartOutlined />, ready: false },
  { key: 'statistics', path: '/statistics', label: 'nav.statistics', icon: <BarChartOutlined />, ready: false },
];

/** Which nav entry a pathname belongs to (household pages belong to the registry). */
export function areaOf(pathname: string): string | undefined {
  if (pathname.startsWith('/households/')) return 'registry';
  return NAV_AREAS.find((a) => pathname === a.path || pathname.startsWith(a.path + '/'))?.key;
}
