import type { MeetingDetail, Notice, Problem } from '../../api/dispatch';

/** A problem row as `GET /api/problems` lists it (open, not overdue, nothing the caller may do). */
const PROBLEM: Problem = {
  id: '1',
  code: 'WT-2026-001',
  subjectType: 'project',
  subjectId: '7',
  projectId: '7',
  projectCode: 'P-007',
  projectName: '智能装备产业园',
  keyWorkYear: null,
  category: 'land',
  description: '用地指标未落实',
  raisedBy: '2',
  raisedByName: '招商局',
  raisedAt: '2026-11-02',
  ownerDepartmentId: '3',
  ownerDepartmentName: '自然资源局',
  coDepartments: [],
  leadOfficial: null,
  dueDate: '2026-12-20',
  status: 'open',
  overdue: false,
  overdueWorkingDays: 0,
  supervised: false,
  resolvedOn: null,
  closedOn: null,
  actions: [],
};
export const problemRow = (overrides: Partial<Problem> = {}): Problem => ({ ...PROBLEM, ...overrides });

/** A notice addressed to 自然资源局, just issued. */
const NOTICE: Notice = {
  id: '1',
  number: '落督〔2026〕1号',
  year: 2026,
  departmentId: '3',
  departmentName: '自然资源局',
  sourceType: 'problem',
  sourceId: '1',
  projectId: '7',
  projectCode: 'P-007',
  projectName: '智能装备产业园',
  subject: '关于督办智能装备产业园用地问题的函',
  facts: '用地指标未落实',
  measures: '限期落实',
  issuedOn: '2026-12-01',
  replyDueDate: '2026-12-08',
  issuedBy: '2',
  issuerName: '招商局',
  status: 'issued',
  signedAt: null,
  replyDone: null,
  replyRemaining: null,
  replyExpectedDate: null,
  repliedAt: null,
  repliedOn: null,
  overdue: false,
};
export const noticeRow = (overrides: Partial<Notice> = {}): Notice => ({ ...NOTICE, ...overrides });

/** An open monthly meeting whose agenda has two open problems (two groups) and one alerted project. */
const MEETING: MeetingDetail = {
  id: '5',
  date: '2026-12-03',
  title: '12月调度会',
  kind: 'monthly',
  status: 'open',
  chairUserId: '9',
  chairName: '王区长',
  attendees: [{ id: '3', name: '自然资源局' }],
  closedAt: null,
  agenda: {
    asOf: '2026-12-03',
    previousMeetingDate: null,
    openProblems: [
      {
        category: 'land',
        ownerDepartmentId: '3',
        ownerDepartmentName: '自然资源局',
        problems: [
          {
            id: '1',
            code: 'WT-2026-001',
            projectName: '智能装备产业园',
            description: '用地指标未落实',
            dueDate: '2026-11-30',
            status: 'open',
            overdue: true,
          },
        ],
      },
      {
        category: 'utilities',
        ownerDepartmentId: '4',
        ownerDepartmentName: '供电公司',
        problems: [
          {
            id: '2',
            code: 'WT-2026-002',
            projectName: '新材料基地',
            description: '电力接入滞后',
            dueDate: '2026-12-30',
            status: 'in_progress',
            overdue: false,
          },
        ],
      },
    ],
    alertedProjects: [
      { projectId: '7', projectCode: 'P-007', projectName: '智能装备产业园', level: 3, kinds: [] },
    ],
    keyWorksBehind: [],
    overdueMilestones: [],
    closedProblems: [],
  },
  decisions: [],
};
export const meetingDetail = (overrides: Partial<MeetingDetail> = {}): MeetingDetail => ({
  ...MEETING,
  ...overrides,
});
