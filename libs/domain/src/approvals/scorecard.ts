import { rate } from '../figures/figures';

/** The department scorecard (效能, for 政风行风评议) — domain §6. */
export interface DepartmentScoreInput {
  departmentId: string;
  departmentName: string;
  handled: number;
  onTime: number;
  deemed: number;
  overdueOpen: number;
  /** Working days from acceptance to decision, one per milestone decided in the year. */
  processingDays: number[];
  /** Hours from an alert reaching the department to its acknowledgement. */
  ackHours: number[];
}

export type ScoreCode = 'green' | 'yellow' | 'red';

export interface DepartmentScore {
  rank: number;
  departmentId: string;
  departmentName: string;
  handled: number;
  onTimeRate: number | null;
  medianWorkingDays: number | null;
  overdueOpen: number;
  deemedApprovals: number;
  medianAckHours: number | null;
  /** 红黄码: red below 80% on time or with 3+ overdue or any 超时默认; yellow below 95% or any overdue. */
  code: ScoreCode;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function scoreCode(onTimeRate: number | null, overdueOpen: number, deemed: number): ScoreCode {
  if ((onTimeRate !== null && onTimeRate < 0.8) || overdueOpen >= 3 || deemed > 0) return 'red';
  if ((onTimeRate !== null && onTimeRate < 0.95) || overdueOpen > 0) return 'yellow';
  return 'green';
}

/**
 * Rank departments: by on-time rate (highest first; departments that decided nothing come after
 * those that did), then fewer overdue, fewer deemed approvals, more handled, then name.
 */
export function rankDepartments(inputs: readonly DepartmentScoreInput[]): DepartmentScore[] {
  const scored = inputs.map((input) => {
    const onTimeRate = rate(input.onTime, input.handled);
    return {
      departmentId: input.departmentId,
      departmentName: input.departmentName,
      handled: input.handled,
      onTimeRate,
      medianWorkingDays: median(input.processingDays),
      overdueOpen: input.overdueOpen,
      deemedApprovals: input.deemed,
      medianAckHours: median(input.ackHours),
      code: scoreCode(onTimeRate, input.overdueOpen, input.deemed),
    };
  });
  scored.sort(
    (a, b) =>
      (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
      a.overdueOpen - b.overdueOpen ||
      a.deemedApprovals - b.deemedApprovals ||
      b.handled - a.handled ||
      a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
  );
  return scored.map((score, index) => ({ rank: index + 1, ...score }));
}
