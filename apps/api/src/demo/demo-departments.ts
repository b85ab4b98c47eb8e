/** The demo district's 38 departments (domain §7). Codes are stable: the demo loader keys on them. */
export const DEMO_DEPARTMENTS: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'ZSJ', name: '投资促进局（招商局）' },
  { code: 'FGJ', name: '发展和改革局' },
  { code: 'ZRZYJ', name: '自然资源局' },
  { code: 'ZJJ', name: '住房和城乡建设局' },
  { code: 'STHJJ', name: '生态环境局' },
  { code: 'SWJ', name: '商务局' },
  { code: 'CZJ', name: '财政局' },
  { code: 'GXJ', name: '工业和信息化局' },
  { code: 'KJJ', name: '科学技术局' },
  { code: 'SCJGJ', name: '市场监督管理局' },
  { code: 'XZSPJ', name: '行政审批局（政务服务中心）' },
  { code: 'JTYSJ', name: '交通运输局' },
  { code: 'SWUJ', name: '水务局' },
  { code: 'NYNCJ', name: '农业农村局' },
  { code: 'YJGLJ', name: '应急管理局' },
  { code: 'RSJ', name: '人力资源和社会保障局' },
  { code: 'JYJ', name: '教育局' },
  { code: 'WJW', name: '卫生健康委员会' },
  { code: 'WLJ', name: '文化和旅游局' },
  { code: 'MZJ', name: '民政局' },
  { code: 'SFJ', name: '司法局' },
  { code: 'TJJ', name: '统计局' },
  { code: 'SJJ', name: '审计局' },
  { code: 'CGJ', name: '城市管理局' },
  { code: 'LYJ', name: '林业局' },
  { code: 'YBJ', name: '医疗保障局' },
  { code: 'TYJRJ', name: '退役军人事务局' },
  { code: 'RFB', name: '人民防空办公室' },
  { code: 'SJZYJ', name: '大数据中心' },
  { code: 'SWUJU', name: '税务局' },
  { code: 'GAFJ', name: '公安分局' },
  { code: 'XFJY', name: '消防救援大队' },
  { code: 'GDGS', name: '供电公司' },
  { code: 'QXJ', name: '气象局' },
  { code: 'DAJ', name: '档案馆' },
  { code: 'JGSWJ', name: '机关事务管理局' },
  { code: 'XFJ', name: '信访局' },
  { code: 'KFQGW', name: '经济开发区管委会' },
];

/** One user per role (domain §7); the department user belongs to 自然资源局. */
export const DEMO_USERS: ReadonlyArray<{
  username: string;
  displayName: string;
  role: 'admin' | 'bureau' | 'leader' | 'department';
  departmentCode: string | null;
}> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', departmentCode: null },
  { username: 'bureau', displayName: '招商局 李明', role: 'bureau', departmentCode: 'ZSJ' },
  { username: 'leader', displayName: '区长 王建国', role: 'leader', departmentCode: null },
  { username: 'dept', displayName: '自然资源局 陈静', role: 'department', departmentCode: 'ZRZYJ' },
];
