import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isCreditCode,
} from './credit-code';

/** The check character computed the long way, independently of the implementation's loop. */
function byHand(first17: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  // Weight i is 3^i mod 31 (GB 32100-2015 appendix).
  weights.forEach((w, i) => expect(w).toBe(Number(3n ** BigInt(i) % 31n)));
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_CODE_CHARSET.indexOf(c) * weights[i]!, 0);
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

describe('creditCode (GB 32100-2015)', () => {
  it('accepts real-format valid codes', () => {
    // 91350100M000100Y43: Σ = 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
    // = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → "3".
    expect(byHand('91350100M000100Y4')).toBe('3');
    for (const code of [
      '91350100M000100Y43',
      '91110000100023386T',
      '91440300708461136T',
      '91320500MA1M111112',
    ])
      expect(creditCodeProblem(code), code).toBeNull();
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('refuses a wrong check character, a wrong length and letters outside the charset', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('format');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('format');
    expect(creditCodeProblem('91350100I000100Y43')).toBe('format'); // I is not in the charset
    expect(creditCodeProblem('91350100m000100y43')).toBe('format'); // lower case
    expect(isCreditCode(42)).toBe(false);
  });

  it('maps a sum that is a multiple of 31 to the check character 0', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('agrees with the long way, and any one changed character breaks the check', () => {
    const char = fc.constantFrom(...CREDIT_CODE_CHARSET);
    fc.assert(
      fc.property(fc.array(char, { minLength: 17, maxLength: 17 }), fc.nat(16), char, (body, at, other) => {
        const first17 = body.join('');
        const code = first17 + creditCodeCheckCharacter(first17);
        expect(creditCodeCheckCharacter(first17)).toBe(byHand(first17));
        expect(isCreditCode(code)).toBe(true);
        fc.pre(other !== body[at]);
        const changed = [...code];
        changed[at] = other;
        // Every weight is invertible mod 31, so a single substitution always changes the check.
        expect(isCreditCode(changed.join(''))).toBe(false);
      }),
    );
  });
});
