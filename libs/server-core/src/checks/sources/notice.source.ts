import { noticeConditions } from '@luodi/domain';
import { NoticeRepository } from '@luodi/persistence';
import { pastDueSource } from '../subject-source';

/** notice_overdue: supervision notices not answered by their reply date (dispatch.md §3). */
export const NoticeConditionSource = pastDueSource('notice', NoticeRepository, noticeConditions);
