/**
 * The actions the audit trail records (`audit_log.action`), defined once: the audit writer takes only
 * these, and each has its zh-CN and English label (a new action without labels does not compile).
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reused',
  'access.denied',
  'alert.acknowledge',
  'alert.answer',
  'milestone.deemed_approved',
  'project.import',
  'actuals.import',
  'milestone.import',
  'demo.load',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, { 'zh-CN': string; en: string }> = {
  create: { 'zh-CN': '新增', en: 'Created' },
  update: { 'zh-CN': '修改', en: 'Changed' },
  delete: { 'zh-CN': '删除', en: 'Deleted' },
  'auth.login': { 'zh-CN': '登录', en: 'Signed in' },
  'auth.login_failed': { 'zh-CN': '登录失败', en: 'Sign-in failed' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Signed out' },
  'auth.refresh_reused': { 'zh-CN': '会话令牌被重复使用', en: 'Session token reused' },
  'access.denied': { 'zh-CN': '越权访问被拒绝', en: 'Access denied' },
  'alert.acknowledge': { 'zh-CN': '签收预警', en: 'Alert acknowledged' },
  'alert.answer': { 'zh-CN': '反馈预警', en: 'Alert answered' },
  'milestone.deemed_approved': { 'zh-CN': '超时默认办结', en: 'Deemed approved (deadline passed)' },
  'project.import': { 'zh-CN': '导入项目', en: 'Projects imported' },
  'actuals.import': { 'zh-CN': '导入实绩', en: 'Actuals imported' },
  'milestone.import': { 'zh-CN': '按项目代码导入审批环节', en: 'Approval steps imported by project code' },
  'demo.load': { 'zh-CN': '载入演示数据', en: 'Demo data loaded' },
};

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
