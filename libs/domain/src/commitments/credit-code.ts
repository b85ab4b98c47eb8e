/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the code charset (digits and capitals without
 * I, O, Z, S, V); the 18th is the check character: 31 − (Σ value(cᵢ) × wᵢ mod 31) over the first 17,
 * with 31 written as `0`.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = new RegExp(`^[${CREDIT_CODE_CHARSET}]{18}$`);

/** The check character of the first 17 characters (which must be of the charset). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] as string);
    if (value < 0) throw new RangeError(`not a credit code character: ${first17[i]}`);
    sum += value * (WEIGHTS[i] as number);
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check] as string;
}

/** Why a text is not a credit code, or null when it is one. */
export function creditCodeProblem(value: string): 'format' | 'check' | null {
  if (!SHAPE.test(value)) return 'format';
  return creditCodeCheckCharacter(value.slice(0, 17)) === value[17] ? null : 'check';
}

export function isCreditCode(value: unknown): value is string {
  return typeof value === 'string' && creditCodeProblem(value) === null;
}
