/**
 * 项目代码 (routes-and-forecast.md §1): the code the national online approval platform
 * (投资项目在线审批监管平台) gives an enterprise investment project before its first approval —
 * 24 characters, digit groups 4-6-2-2-6 (year, region, …, serial). The 6-digit region group must
 * start with the district's region prefix (setting `regionCodePrefix`; empty = any region).
 */
export const PROJECT_CODE_PATTERN = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;

/** A region prefix as the setting takes it: 0–6 digits (empty = any region). */
export const REGION_CODE_PREFIX_PATTERN = /^\d{0,6}$/;

/** The catalog item whose approval produces the project code: it may be accepted without one. */
export const PROJECT_CODE_ISSUING_ITEM = 'FILING';

/** The 6-digit region group of a well-formed project code. */
export function projectCodeRegion(code: string): string {
  return code.slice(5, 11);
}

/**
 * What is wrong with a project code: `format` (not 24 characters in groups 4-6-2-2-6), `region` (its
 * region group does not start with `regionPrefix`), or null when it is acceptable.
 */
export function projectCodeProblem(
  value: string,
  regionPrefix: string | null | undefined,
): 'format' | 'region' | null {
  if (!PROJECT_CODE_PATTERN.test(value)) return 'format';
  const prefix = regionPrefix?.trim() ?? '';
  if (prefix && !projectCodeRegion(value).startsWith(prefix)) return 'region';
  return null;
}

/**
 * Whether accepting (受理) a milestone of this catalog item is refused for want of a project code:
 * departments must not accept without it, except the item that produces it (FILING).
 */
export function acceptNeedsProjectCode(itemCode: string, projectCode: string | null | undefined): boolean {
  return itemCode !== PROJECT_CODE_ISSUING_ITEM && !projectCode;
}
