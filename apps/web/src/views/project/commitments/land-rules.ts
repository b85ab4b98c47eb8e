import { creditCodeProblem } from '@luodi/domain';

/** 供地面积: > 0 亩 with at most four decimals. */
export const LAND_AREA_PATTERN = /^\d{1,9}(\.\d{1,4})?$/;

/**
 * Why a 统一社会信用代码 is refused (GB 32100-2015, the domain's check), or null when it is fine or
 * left empty.
 */
export function creditCodeRefusal(value: string): 'format' | 'check' | null {
  const code = value.trim().toUpperCase();
  return code ? creditCodeProblem(code) : null;
}
