import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudSyncOutlined,
  ControlOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FormOutlined,
  HeartOutlined,
  InboxOutlined,
  ProfileOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  WalletOutlined,
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
  /** menu group: the user's own work and the registry, the platform's flow, or system administration */
  group: 'registry' | 'flow' | 'admin';
  /** a submenu inside the flow section (动态监测) */
  parent?: 'monitoring';
  /**
   * false: not a page to land on after signing in (reference pages open to everyone, and the
   * monitoring pages, so that e.g. an auditor still starts at the audit log); used only when
   * nothing else is visible.
   */
  landing?: boolean;
  /** the landing page for these users before any other (我的待办 for township and village workers) */
  landingFor?: (user: LandingUser) => boolean;
}

type LandingUser = Pick<SessionUser, 'permissions'> & Partial<Pick<SessionUser, 'region_code'>>;

/** Those who do the field work of cases: a township (9-digit) or village (12-digit) region with case steps to take. */
const worksCasesLocally = (user: LandingUser) =>
  (user.region_code?.length ?? 0) >= 9 && hasAny(user, ['case.visit', 'case.manage']);

const READ: readonly Permission[] = ['registry.read'];
/** who has steps to take (an auditor reads cases but has no 待办 of its own) */
const WORKS_CASES: readonly Permission[] = ['case.visit', 'case.manage', 'case.decide', 'referral.handle'];
/** a department handler: answers referrals, and neither reads the registry nor works cases */
const handlesReferralsOnly = (user: LandingUser) =>
  hasAny(user, ['referral.handle']) && !hasAny(user, ['registry.read', 'case.visit', 'case.manage', 'case.decide']);

/**
 * 我的待办 and the registry, then the platform's flow: sharing → monitoring → cases → recognition →
 * assistance → statistics, then system administration. Department roles see the flow areas
 * they take part in (data providers: sharing; handlers: assistance).
 */
export const NAV_AREAS: NavArea[] = [
  // 我的待办: case steps, escalations, reviews and (for a department handler) referrals
  {
    key: 'inbox', path: '/inbox', label: 'nav.inbox', icon: <InboxOutlined />, ready: true, anyOf: WORKS_CASES, group: 'registry',
    landing: false, landingFor: worksCasesLocally,
  },
  { key: 'registry', path: '/registry', label: 'nav.registry', icon: <DatabaseOutlined />, ready: true, anyOf: READ, group: 'registry' },
  { key: 'sharing', path: '/sharing', label: 'nav.sharing', icon: <CloudSyncOutlined />, ready: true, anyOf: ['registry.read', 'dataset.upload', 'dataset.read'], group: 'flow' },
  // 动态监测: the dashboard and the alert inbox need alert.read; the indicators and the working
  // calendar are open to everyone signed in (changing them needs monitor.manage)
  { key: 'monitoring', path: '/monitoring', label: 'nav.monitoringDashboard', icon: <DashboardOutlined />, ready: true, anyOf: ['alert.read'], group: 'flow', parent: 'monitoring', landing: false },
  { key: 'alerts', path: '/alerts', label: 'nav.alerts', icon: <AlertOutlined />, ready: true, anyOf: ['alert.read'], group: 'flow', parent: 'monitoring', landing: false },
  { key: 'indicators', path: '/monitoring/indicators', label: 'nav.indicators', icon: <ControlOutlined />, ready: true, anyOf: [], group: 'flow', parent: 'monitoring', landing: false },
  { key: 'calendar', path: '/monitoring/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, ready: true, anyOf: [], group: 'flow', parent: 'monitoring', landing: false },
  // 发现: a grid worker's report from a phone; the applications and reports a township accepts as cases
  { key: 'report', path: '/report', label: 'nav.report', icon: <FormOutlined />, ready: true, anyOf: ['case.report'], group: 'flow', landing: false },
  { key: 'intake', path: '/intake', label: 'nav.intake', icon: <SolutionOutlined />, ready: true, anyOf: ['case.read'], group: 'flow', landing: false },
  // 救助案件: an auditor reads the cases too, but still starts at the audit log
  { key: 'cases', path: '/cases', label: 'nav.cases', icon: <AuditOutlined />, ready: true, anyOf: ['case.read'], group: 'flow', landing: false },
  { key: 'recognition', path: '/recognition', label: 'nav.recognition', icon: <SafetyCertificateOutlined />, ready: true, anyOf: ['recognition.assess'], group: 'flow' },
  // 救助帮扶: the programs (readable by anyone signed in) and the referrals (handlers, case.read).
  // Not a landing page, so an auditor (case.read) still starts at the audit log; a department
  // handler, who has nothing else of its own, lands here.
  { key: 'assistance', path: '/assistance', label: 'nav.assistance', icon: <HeartOutlined />, ready: true, anyOf: ['registry.read', 'referral.handle', 'case.read'], group: 'flow', landing: false,
    landingFor: handlesReferralsOnly,
  },
  // 救助金发放: the county's monthly roll (auditors read it too)
  { key: 'payments', path: '/payments', label: 'nav.payments', icon: <WalletOutlined />, ready: true, anyOf: ['payment.read'], group: 'flow', landing: false },
  { key: 'statistics', path: '/statistics', label: 'nav.statistics', icon: <BarChartOutlined />, ready: false, anyOf: READ, group: 'flow' },
  { key: 'users', path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, ready: true, anyOf: ['users.manage'], group: 'admin' },
  { key: 'audit', path: '/admin/audit', label: 'nav.audit', icon: <FileProtectOutlined />, ready: true, anyOf: ['audit.read'], group: 'admin' },
  // every signed-in user may read the policy parameters; setting one needs policy.manage
  { key: 'policy', path: '/admin/policy', label: 'nav.policy', icon: <ProfileOutlined />, ready: true, anyOf: [], group: 'admin' },
];

export const ADMIN_GROUP = { key: 'admin', label: 'nav.admin' as MessageKey, icon: <SettingOutlined /> };
export const MONITORING_GROUP = { key: 'monitoring-group', label: 'nav.monitoring' as MessageKey, icon: <RadarChartOutlined /> };

/** The areas this user may open, in menu order. */
export function visibleAreas(user: Pick<SessionUser, 'permissions'> | null | undefined): NavArea[] {
  return NAV_AREAS.filter((a) => hasAny(user, a.anyOf));
}

/**
 * The first page the user may see ('/no-access' when there is none): an area meant as this
 * user's landing page (我的待办 for township and village workers), else the first area of the
 * role's own work, else the first it was granted, else any it may open.
 */
export function landingPath(user: LandingUser | null | undefined): string {
  const areas = visibleAreas(user);
  const pick =
    (user ? areas.find((a) => a.landingFor?.(user)) : undefined) ??
    areas.find((a) => a.landing !== false && a.anyOf.length > 0) ??
    areas.find((a) => a.anyOf.length > 0) ??
    areas.find((a) => a.landing !== false) ??
    areas[0];
  return pick?.path ?? '/no-access';
}

/** Which nav entry a pathname belongs to: the longest matching path (household pages belong to the registry). */
export function areaOf(pathname: string): string | undefined {
  if (pathname.startsWith('/households/')) return 'registry';
  const hits = NAV_AREAS.filter((a) => pathname === a.path || pathname.startsWith(a.path + '/'));
  return hits.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
