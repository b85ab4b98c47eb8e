import { describe, expect, it } from 'vitest';
import { alertItemText, alertSubjectText, latenessText } from './alert-subject';

const milestone = {
  projectCode: '2026-ZS-001',
  projectName: '新能源电池项目',
  departmentName: '自然资源局',
  itemName: '用地预审与选址意见书',
  remainingWorkingDays: -3,
};

describe('alert subject text', () => {
  it('names the project and the approval item with its department and lateness', () => {
    expect(alertSubjectText(milestone)).toBe(
      '2026-ZS-001 新能源电池项目 · 用地预审与选址意见书（自然资源局） 逾期 3 个工作日',
    );
    expect(alertSubjectText(milestone, 'en')).toBe(
      '2026-ZS-001 新能源电池项目 · 用地预审与选址意见书 (自然资源局) 3 working day(s) overdue',
    );
  });

  it('says near deadlines and due today; a project alert names its department', () => {
    expect(latenessText(2)).toBe('剩余 2 个工作日');
    expect(latenessText(0)).toBe('今日到期');
    expect(latenessText(null)).toBeNull();
    expect(alertItemText({ ...milestone, remainingWorkingDays: null })).toBe(
      '用地预审与选址意见书（自然资源局）',
    );
    expect(alertSubjectText({ ...milestone, itemName: null })).toBe(
      '2026-ZS-001 新能源电池项目（自然资源局）',
    );
  });
});
