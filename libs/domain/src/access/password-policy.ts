export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The password policy (NIST SP 800-63B style: length over composition rules). Returns the rule broken,
 * or null when the password is acceptable.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size < 4) return 'must contain at least 4 different characters';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'must not contain the username';
  return null;
}
