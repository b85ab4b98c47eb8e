import { Injectable } from '@nestjs/common';
import { type Condition, noticeConditions } from '@luodi/domain';
import { NoticeRepository } from '@luodi/persistence';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/** notice_overdue: supervision notices not answered by their reply date (dispatch.md §3). */
@Injectable()
@SubjectSource('notice')
export class NoticeConditionSource implements ConditionSource {
  constructor(private readonly notices: NoticeRepository) {}

  async conditions({ today }: CheckContext, unresolvedIds: readonly string[]): Promise<SourceConditions> {
    const evaluated: string[] = [];
    const conditions: Condition[] = [];
    for (const notice of await this.notices.alertFacts(today, unresolvedIds)) {
      evaluated.push(notice.id);
      conditions.push(...noticeConditions(notice, today));
    }
    return { evaluated, conditions };
  }
}
