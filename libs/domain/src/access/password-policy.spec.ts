import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { passwordRuleBroken } from './password-policy';

const codeOf = (password: string, username?: string) => passwordRuleBroken(password, username)?.code ?? null;

describe('passwordRuleBroken (NIST SP 800-63B)', () => {
  it('accepts long passphrases of any composition, the test demo password and generated ones', () => {
    for (const password of [
      'test-only Demo Passphrase 2026',
      'correct horse battery staple',
      'a long enough passphrase',
      'river stones and paper kites',
      '招商项目审批时限办结准时',
      'all lower case no digits',
      'ALL UPPER CASE NO DIGITS',
      'k3Wq-7HpZ-aM9d-xR4t',
    ]) {
      expect(passwordRuleBroken(password), password).toBeNull();
    }
  });

  it('accepts what the demo loader generates (4 groups of 4 letters and digits)', () => {
    const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
    let seed = 20261207;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return alphabet[seed % alphabet.length]!;
    };
    for (let sample = 0; sample < 2000; sample += 1) {
      const password = [0, 1, 2, 3].map(() => [next(), next(), next(), next()].join('')).join('-');
      expect(passwordRuleBroken(password), password).toBeNull();
    }
  });

  it('has a length rule and no composition rule', () => {
    expect(passwordRuleBroken('short pass1')).toEqual({
      code: 'password_too_short',
      rule: 'must be at least 12 characters',
    });
    expect(codeOf('x'.repeat(64) + 'y'.repeat(64) + 'z')).toBe('password_too_long');
    expect(codeOf('abcdabcdabcd'.replace(/./g, 'q'))).toBe('password_repetitive');
  });

  it('refuses common and breached passwords, padded, separated, repeated or in l33t', () => {
    for (const password of [
      'password1234',
      'Password1234',
      'PASSWORD2026!',
      '2026password!',
      'p@ssw0rd2024',
      'P@$$w0rd1234',
      'pass word 1234',
      'passwordpassword',
      'iloveyou1234',
      'qwerty123456',
      'Welcome12345',
      'admin1234567',
      'woaini1314520',
      '1qaz2wsx3edc',
      '1q2w3e4r5t6y',
      'monkeymonkey',
      'ｐａｓｓｗｏｒｄ１２３４',
    ]) {
      expect(codeOf(password), password).toBe('password_common');
    }
  });

  it('refuses keyboard walks and runs, forwards and backwards', () => {
    for (const password of [
      '123456789012',
      '098765432109',
      'qwertyuiop[]',
      'abcdefghijklm',
      'zyxwvutsrqpo',
      'mnbvcxzmnbvcxz',
      '1234512345123',
    ]) {
      expect(codeOf(password), password).toBe('password_sequence');
    }
  });

  it('refuses the username and the application name, whatever the case or separators', () => {
    expect(codeOf('my-bureau-password', 'bureau')).toBe('password_contains_username');
    expect(codeOf('Zhang.Wei is my name', 'zhang.wei')).toBe('password_contains_username');
    expect(codeOf('ZHANGWEI and more words', 'zhang.wei')).toBe('password_contains_username');
    expect(codeOf('i use LuoDi every day')).toBe('password_contains_app_name');
    expect(codeOf('l u o d i every single day')).toBe('password_contains_app_name');
    expect(codeOf('我每天都用落地系统办事情')).toBe('password_contains_app_name');
  });

  it('keeps the list lower case, trimmed and without duplicates', () => {
    for (const entry of COMMON_PASSWORDS) {
      expect(entry).toBe(entry.trim().toLowerCase().normalize('NFKC'));
    }
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
  });
});
