/** 供地面积: > 0 亩 with at most four decimals. */
export const LAND_AREA_PATTERN = /^\d{1,9}(\.\d{1,4})?$/;

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Why a 统一社会信用代码 is refused (GB 32100-2015), or null when it is fine or left empty:
 * 18 characters of the charset, the last one the check character.
 */
export function creditCodeRefusal(value: string): 'format' | 'check' | null {
  const code = value.trim().toUpperCase();
  if (!code) return null;
  if (code.length !== 18 || [...code].some((c) => !CHARSET.includes(c))) return 'format';
  const sum = WEIGHTS.reduce((total, weight, i) => total + CHARSET.indexOf(code[i]!) * weight, 0);
  const check = 31 - (sum % 31);
  return CHARSET[check === 31 ? 0 : check] === code[17] ? null : 'check';
}
