import type { Meeting, MeetingDetail, Notice, Page, Problem, ProblemDetail } from '@luodi/contracts';
import type {
  MeetingKind,
  ProblemAction,
  ProblemCategory,
  ProblemStatus,
  ProblemSubjectType,
} from '@luodi/domain';
import { download, http } from './http';

export { PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '@luodi/domain';
export type {
  Meeting,
  MeetingDetail,
  Notice,
  Problem,
  ProblemAction,
  ProblemCategory,
  ProblemDetail,
  ProblemStatus,
};

/** The filters of the problem list (all optional). */
export interface ProblemFilters {
  category?: ProblemCategory | '';
  status?: ProblemStatus | '';
  ownerDepartmentId?: string;
  overdue?: '' | 'true' | 'false';
  /** Only problems not closed. */
  open?: 'true';
  subjectType?: ProblemSubjectType;
  subjectId?: string;
  projectId?: string;
}

export interface ProblemInput {
  subjectType: ProblemSubjectType;
  subjectId: string;
  category: ProblemCategory;
  description: string;
  ownerDepartmentId: string;
  coDepartmentIds?: string[];
  leadOfficial?: string;
  dueDate: string;
  raisedAt?: string;
}

/** A decision (交办事项): creates a problem (kind create) or updates one (kind update). */
export interface DecisionInput {
  kind: 'create' | 'update';
  text: string;
  problemId?: string;
  subjectType?: ProblemSubjectType;
  subjectId?: string;
  category?: ProblemCategory;
  description?: string;
  ownerDepartmentId?: string;
  coDepartmentIds?: string[];
  leadOfficial?: string;
  dueDate?: string;
  supervised?: boolean;
}

const id = (value: string) => encodeURIComponent(value);
const query = (filters: ProblemFilters) => ({
  category: filters.category || undefined,
  status: filters.status || undefined,
  ownerDepartmentId: filters.ownerDepartmentId || undefined,
  overdue: filters.overdue || undefined,
  open: filters.open,
  subjectType: filters.subjectType,
  subjectId: filters.subjectId,
  projectId: filters.projectId,
});

export const problemsApi = {
  list: (filters: ProblemFilters, page: number, pageSize: number) =>
    http.get<Page<Problem>>('/problems', { query: { ...query(filters), page, pageSize } }),
  get: (problemId: string) => http.get<ProblemDetail>(`/problems/${id(problemId)}`),
  create: (body: ProblemInput) => http.post<ProblemDetail>('/problems', body),
  transition: (problemId: string, body: { action: ProblemAction; text?: string }) =>
    http.post<ProblemDetail>(`/problems/${id(problemId)}/transitions`, body),
  exportList: (filters: ProblemFilters) =>
    download('/problems/export', { query: query(filters), fileName: '问题清单.xlsx' }),
};

export const meetingsApi = {
  list: (page: number, pageSize: number) =>
    http.get<Page<Meeting>>('/meetings', { query: { page, pageSize } }),
  get: (meetingId: string) => http.get<MeetingDetail>(`/meetings/${id(meetingId)}`),
  create: (body: {
    date: string;
    title: string;
    kind: MeetingKind;
    chairUserId: string;
    attendeeDepartmentIds: string[];
  }) => http.post<MeetingDetail>('/meetings', body),
  decide: (meetingId: string, body: DecisionInput) =>
    http.post<MeetingDetail>(`/meetings/${id(meetingId)}/decisions`, body),
  close: (meetingId: string) => http.post<MeetingDetail>(`/meetings/${id(meetingId)}/close`, {}),
  chairs: () => http.get<Array<{ id: string; displayName: string }>>('/meetings/chairs'),
  /** The A4 print view (HTML) of the agenda or the minutes, opened in a new window to print. */
  printView: async (meetingId: string, which: 'agenda' | 'minutes') => {
    const blob = await http.get<Blob>(`/meetings/${id(meetingId)}/${which}/print`, { responseType: 'blob' });
    const view = window.open('', '_blank');
    if (!view) return;
    view.document.write(await blob.text());
    view.document.close();
    view.focus();
    view.print();
  },
  document: (meetingId: string, which: 'agenda' | 'minutes') =>
    download(`/meetings/${id(meetingId)}/${which}.docx`, {
      fileName: which === 'agenda' ? '会议议程.docx' : '会议纪要.docx',
    }),
};

/** What a 督办函 is issued from. */
export interface NoticeSource {
  sourceType: 'alert' | 'problem' | 'decision';
  sourceId: string;
}

export const noticesApi = {
  list: (filters: { status?: string }, page: number, pageSize: number) =>
    http.get<Page<Notice>>('/notices', { query: { status: filters.status || undefined, page, pageSize } }),
  get: (noticeId: string) => http.get<Notice>(`/notices/${id(noticeId)}`),
  issue: (body: NoticeSource & { measures: string; replyDueDate?: string }) =>
    http.post<Notice>('/notices', body),
  sign: (noticeId: string) => http.post<Notice>(`/notices/${id(noticeId)}/sign`, {}),
  reply: (noticeId: string, body: { done: string; remaining: string; expectedDate: string }) =>
    http.post<Notice>(`/notices/${id(noticeId)}/reply`, body),
  document: (noticeId: string) =>
    download(`/notices/${id(noticeId)}/notice.docx`, { fileName: '督办函.docx' }),
};
