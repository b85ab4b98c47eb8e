import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors';
import { newUsername, normaliseUsername } from './username';

function refusal(run: () => unknown): { message: string; code: unknown; field: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) {
      return { message: error.message, code: error.code, field: error.field };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('normaliseUsername', () => {
  it('gives every spelling that a case-, width- and pad-insensitive collation would match one form', () => {
    for (const spelling of [
      'victim',
      'victim ',
      ' victim',
      'victim\u00a0',
      'victim\u3000',
      'ｖｉｃｔｉｍ',
      'VICTIM',
      'ＶＩＣＴＩＭ',
      'Victim\u2003',
    ]) {
      expect(normaliseUsername(spelling), JSON.stringify(spelling)).toBe('victim');
    }
  });

  it('keeps what is not folded by NFKC (an accent is a different name, not the same one)', () => {
    expect(normaliseUsername('targét')).toBe('targét');
    expect(normaliseUsername('zhang.wei')).toBe('zhang.wei');
    expect(normaliseUsername('张伟')).toBe('张伟');
  });

  it('refuses invisible, control and zero-width characters, naming the code point', () => {
    for (const [spelling, point] of [
      ['vic\u200btim', 'U+200B'],
      ['victim\u200b', 'U+200B'],
      ['\ufeffvictim', 'U+FEFF'],
      ['vic\u200ctim', 'U+200C'],
      ['vic\u200dtim', 'U+200D'],
      ['vic\u2060tim', 'U+2060'],
      ['vic\u00adtim', 'U+00AD'],
      ['vic\u202etim', 'U+202E'],
      ['victim\u0000', 'U+0000'],
      ['vic\u0007tim', 'U+0007'],
      ['vic\u034ftim', 'U+034F'],
      ['vic\ufe0ftim', 'U+FE0F'],
      ['vic\u3164tim', 'U+3164'],
      ['vic\u2028tim', 'U+2028'],
      ['vic\ue000tim', 'U+E000'],
    ] as const) {
      const refused = refusal(() => normaliseUsername(spelling));
      expect(refused.field).toBe('username');
      expect(refused.code).toBe('username_invisible_character');
      expect(refused.message).toContain(point);
      expect(refused.message).toMatch(/^username: must not contain invisible/);
    }
  });

  it('refuses whitespace inside, and empty or over-long names', () => {
    expect(refusal(() => normaliseUsername('vic tim')).code).toBe('username_inner_whitespace');
    expect(refusal(() => normaliseUsername('vic\u00a0tim')).code).toBe('username_inner_whitespace');
    expect(refusal(() => normaliseUsername('vic\u3000tim')).code).toBe('username_inner_whitespace');
    expect(refusal(() => normaliseUsername('   ')).code).toBe('username_empty');
    expect(refusal(() => normaliseUsername('')).code).toBe('username_empty');
    expect(refusal(() => normaliseUsername('a'.repeat(65))).code).toBe('username_too_long');
    expect(normaliseUsername(` ${'a'.repeat(64)} `)).toBe('a'.repeat(64));
  });

  it('is idempotent', () => {
    for (const spelling of ['ＡＢＣ', 'x.Y_z-1', 'ﬁle', 'Ⅻ', '㎏']) {
      const once = normaliseUsername(spelling);
      expect(normaliseUsername(once)).toBe(once);
    }
  });
});

describe('newUsername', () => {
  it('stores the normalised form of a well-formed name', () => {
    expect(newUsername(' Zhang.Wei ')).toBe('zhang.wei');
    expect(newUsername('ｚｈａｎｇ＿ｗｅｉ')).toBe('zhang_wei');
  });

  it('refuses names outside 3–64 letters, digits, . _ -', () => {
    for (const spelling of ['ab', '张伟', 'targét', 'a/b', 'user@host']) {
      const refused = refusal(() => newUsername(spelling));
      expect(refused.code, spelling).toBe('username_format');
      expect(refused.message).toMatch(/^username: must be 3–64 letters/);
    }
  });
});
