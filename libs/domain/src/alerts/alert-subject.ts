import { remainingWorkingDays } from '../approvals/milestone';
import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';

/**
 * What an alert is about, in words: the project and — for a milestone's alert — the approval item,
 * its department and how late it is (e.g. `2026-ZS-001 新能源电池项目 · 用地预审与选址意见书（自然资源局）
 * 逾期 3 个工作日`). The worker's notifications (in-app, e-mail, webhook) and the 月度调度 report's
 * 督办 sheet read it; the web composes the same parts with its own labels.
 */
export interface AlertSubjectFacts {
  /** null for a district-wide alert (a calendar year): it has neither project nor department. */
  projectCode: string | null;
  projectName: string | null;
  departmentName: string | null;
  /** The approval item's name (milestone alerts only). */
  itemName: string | null;
  /** Working days to the deadline, negative when overdue (null: no running clock). */
  remainingWorkingDays: number | null;
}

export type AlertTextLanguage = 'zh-CN' | 'en';

/** How late (or near) a deadline is: 逾期 3 个工作日 / 剩余 2 个工作日 / 今日到期. */
export function latenessText(remainingWorkingDays: number | null, language: AlertTextLanguage = 'zh-CN') {
  if (remainingWorkingDays === null) return null;
  if (language === 'en') {
    if (remainingWorkingDays < 0) return `${-remainingWorkingDays} working day(s) overdue`;
    if (remainingWorkingDays === 0) return 'due today';
    return `${remainingWorkingDays} working day(s) left`;
  }
  if (remainingWorkingDays < 0) return `逾期 ${-remainingWorkingDays} 个工作日`;
  if (remainingWorkingDays === 0) return '今日到期';
  return `剩余 ${remainingWorkingDays} 个工作日`;
}

/** The approval item, its department and its lateness (null for an alert about the project itself). */
export function alertItemText(
  facts: AlertSubjectFacts,
  language: AlertTextLanguage = 'zh-CN',
): string | null {
  if (!facts.itemName) return null;
  const late = latenessText(facts.remainingWorkingDays, language);
  return `${facts.itemName}${departmentText(facts, language)}${late ? ` ${late}` : ''}`;
}

function departmentText(facts: AlertSubjectFacts, language: AlertTextLanguage): string {
  if (facts.departmentName === null) return '';
  return language === 'en' ? ` (${facts.departmentName})` : `（${facts.departmentName}）`;
}

/** The project, then the item (or the responsible department for a project's own alert). */
export function alertSubjectText(facts: AlertSubjectFacts, language: AlertTextLanguage = 'zh-CN'): string {
  // A district-wide alert (a calendar year) names no project: 全区.
  const project =
    facts.projectCode === null
      ? language === 'en'
        ? 'district-wide'
        : '全区'
      : `${facts.projectCode} ${facts.projectName}`;
  const item = alertItemText(facts, language);
  if (item) return `${project} · ${item}`;
  return `${project}${departmentText(facts, language)}`;
}

/**
 * Working days to a milestone alert's deadline today (negative when overdue); null for an alert
 * without a milestone deadline, or whose milestone is decided.
 */
export function alertRemainingWorkingDays(
  alert: { milestoneDeadline: string | null; milestoneDecided: boolean },
  calendar: WorkingCalendar,
  today: IsoDate,
): number | null {
  if (!alert.milestoneDeadline || alert.milestoneDecided) return null;
  return remainingWorkingDays(calendar, today, alert.milestoneDeadline);
}
