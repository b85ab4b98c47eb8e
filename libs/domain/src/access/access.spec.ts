import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';
import { scopeAllows, scopeOf } from './roles';

describe('scopeOf / scopeAllows', () => {
  it('gives every role but department the whole district', () => {
    for (const role of ['admin', 'bureau', 'leader'] as const) {
      expect(scopeOf({ role, departmentId: null })).toEqual({ kind: 'all' });
    }
  });
  it('limits a department user to its own department', () => {
    const scope = scopeOf({ role: 'department', departmentId: '7' });
    expect(scope).toEqual({ kind: 'department', departmentId: '7' });
    expect(scopeAllows(scope, '7')).toBe(true);
    expect(scopeAllows(scope, '8')).toBe(false);
    expect(scopeAllows(scope, null)).toBe(false);
  });
  it('refuses a department user without a department', () => {
    expect(() => scopeOf({ role: 'department', departmentId: null })).toThrow();
  });
});

describe('passwordProblem', () => {
  it('wants at least 12 characters', () => {
    expect(passwordProblem('short-pass1')).toBe('must be at least 12 characters');
    expect(passwordProblem('correct horse battery')).toBeNull();
  });
  it('counts characters, not bytes (Chinese passphrases)', () => {
    expect(passwordProblem('招商项目审批时限办结准时')).toBeNull();
  });
  it('refuses repeated characters and the username', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBe('must contain at least 4 different characters');
    expect(passwordProblem('my-bureau-password', 'bureau')).toBe('must not contain the username');
  });
});
