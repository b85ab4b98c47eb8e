import type { MilestoneStepImportResult } from '@luodi/contracts';
import { download, http } from './http';

export type { MilestoneStepImportResult };

/**
 * 审批环节导入 by 项目代码 (routes-and-forecast.md §1): the platform's .xlsx of a project's steps,
 * recorded as milestone events by the rules of hand entry — all rows or none.
 */
export const milestoneImportApi = {
  template: () => download('/approval-steps/import/template', { fileName: 'approval-steps-template.xlsx' }),
  import: (file: File | Blob, fileName = 'approval-steps.xlsx') => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.post<MilestoneStepImportResult>('/approval-steps/import', form);
  },
};
