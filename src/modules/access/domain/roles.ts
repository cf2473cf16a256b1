/**
 * Roles and permissions. The default grants are reference data (loaded into role_permission,
 * where administrators can change them); services check permissions, never role names.
 */
export const PERMISSIONS = {
  'registry.read': { zh: '查看低收入人口库', en: 'read the registry' },
  'registry.write': { zh: '维护低收入人口库', en: 'change the registry' },
  'registry.import': { zh: '批量导入', en: 'bulk import' },
  'pii.reveal': { zh: '查看完整身份证号/电话（需说明用途）', en: 'reveal full ID numbers and phones (with a purpose)' },
  'authorization.manage': { zh: '登记核对授权书', en: 'record economic-check authorizations' },
  'users.manage': { zh: '管理用户', en: 'manage users' },
  'policy.manage': { zh: '设置政策参数', en: 'set policy parameters' },
  'recognition.assess': { zh: '分层认定测算', en: 'run identification assessments' },
  'catalog.manage': { zh: '维护数据共享目录', en: 'edit the data-sharing catalog' },
  'dataset.read': { zh: '查看部门数据批次', en: "read departments' data batches" },
  'audit.read': { zh: '查阅审计日志', en: 'read the audit log' },
  'dataset.upload': { zh: '上传本部门数据', en: "upload its department's datasets" },
  'referral.handle': { zh: '办理转介', en: 'handle referrals to its programs' },
  'monitor.manage': { zh: '维护预警指标、工作日历并运行监测', en: 'edit warning indicators and the working calendar, run monitoring' },
  'alert.read': { zh: '查看辖区预警', en: 'read warnings in its region' },
  'alert.handle': { zh: '处置预警', en: 'handle warnings' },
  'case.read': { zh: '查看辖区救助案件', en: 'read assistance cases in its region' },
  'case.manage': { zh: '受理、分派、推进救助案件', en: 'open, assign and move assistance cases' },
  'case.visit': { zh: '入户核查', en: 'make home visits' },
  'case.report': { zh: '上报困难家庭', en: 'report households in difficulty' },
  'case.decide': { zh: '审核确认（县级）', en: 'decide recognitions and exits (county)' },
  'program.manage': { zh: '维护救助项目', en: 'edit assistance programs' },
  'payment.read': { zh: '查看救助金发放', en: 'read allowance rolls and entitlements' },
  'payment.prepare': { zh: '编制发放花名册、导入待遇', en: 'prepare monthly rolls, import entitlements' },
  'payment.approve': { zh: '审核发放花名册（不得审核本人编制的）', en: 'approve monthly rolls (not one prepared by oneself)' },
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES = {
  province_admin: { zh: '省级管理员', en: 'Province administrator' },
  civil_affairs_officer: { zh: '民政工作人员（市/县）', en: 'Civil-affairs officer (prefecture/county)' },
  township_officer: { zh: '乡镇（街道）经办人员', en: 'Township officer' },
  village_worker: { zh: '村（社区）网格员', en: 'Village grid worker' },
  department_data_provider: { zh: '部门数据报送员', en: 'Department data provider' },
  department_handler: { zh: '部门经办人员', en: 'Department handler' },
  auditor: { zh: '审计人员', en: 'Auditor' },
} as const;

export type Role = keyof typeof ROLES;

export const DEFAULT_GRANTS: Record<Role, Permission[]> = {
  province_admin: Object.keys(PERMISSIONS) as Permission[],
  civil_affairs_officer: ['registry.read', 'registry.write', 'registry.import', 'pii.reveal', 'authorization.manage', 'policy.manage', 'recognition.assess', 'dataset.read', 'alert.read', 'alert.handle',
    'case.read', 'case.manage', 'case.visit', 'case.decide', 'payment.read', 'payment.prepare', 'payment.approve'],
  township_officer: ['registry.read', 'registry.write', 'pii.reveal', 'authorization.manage', 'recognition.assess', 'alert.read', 'alert.handle', 'case.read', 'case.manage', 'case.visit', 'case.report'],
  village_worker: ['registry.read', 'alert.read', 'case.read', 'case.visit', 'case.report'],
  department_data_provider: ['dataset.upload', 'dataset.read'],
  department_handler: ['referral.handle'],
  auditor: ['audit.read', 'alert.read', 'case.read', 'payment.read'],
};

export function isRole(r: string): r is Role {
  return r in ROLES;
}
