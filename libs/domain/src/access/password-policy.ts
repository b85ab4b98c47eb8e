import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Context-specific words a password must not contain (NIST SP 800-63B §5.1.1.2: the service's name). */
export const APP_NAMES: readonly string[] = ['luodi', '落地'];

/** Stable codes of the password rules (the `code` of a 400 answer). */
export type PasswordRuleCode =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_repetitive'
  | 'password_sequence'
  | 'password_common'
  | 'password_contains_username'
  | 'password_contains_app_name';

export interface PasswordRuleBroken {
  code: PasswordRuleCode;
  /** The rule in plain words, e.g. "must be at least 12 characters". */
  rule: string;
}

const COMMON = new Set(COMMON_PASSWORDS);

/** Keyboard rows and alphabetic/numeric runs, each also read backwards. */
const RUNS = [
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'qazwsxedcrfvtgbyhnujmikolp',
  'abcdefghijklmnopqrstuvwxyz',
  '012345678901234567890123456789',
].flatMap((run) => [run, [...run].reverse().join('')]);

/** "l33t" spellings read back as letters (both readings of 1 and !: i and l). */
const LEET_AS_I: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '2': 'z',
};
const LEET: ReadonlyArray<Record<string, string>> = [LEET_AS_I, { ...LEET_AS_I, '1': 'l', '!': 'l' }];

/** The string with what is neither a letter nor a mark taken off both ends ("password1234!" → "password"). */
function core(text: string): string {
  return text.replace(/^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu, '');
}

/**
 * The shortest unit the text repeats, the last repetition possibly cut short ("abcabc" and "abcab" →
 * "abc"; "abcd" → "abcd"): a unit shorter than half the text.
 */
function unit(text: string): string {
  const characters = [...text];
  for (let size = 1; size <= characters.length / 2; size += 1) {
    if (characters.every((character, index) => index < size || character === characters[index - size])) {
      return characters.slice(0, size).join('');
    }
  }
  return text;
}

/** Lower-cased NFKC with spaces and the usual separators removed: how a guesser would type it. */
function squeezed(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-+*#~|/\\]+/gu, '');
}

function isCommon(password: string): boolean {
  const plain = squeezed(password);
  const candidates = new Set<string>([plain, core(plain)]);
  for (const table of LEET) {
    const read = (text: string) => [...text].map((character) => table[character] ?? character).join('');
    // "p@ssw0rd2024": the padding comes off first, then the letters are read back.
    candidates.add(read(core(plain)));
    candidates.add(core(read(plain)));
  }
  for (const candidate of candidates) {
    if (candidate.length === 0) continue;
    if (COMMON.has(candidate) || COMMON.has(unit(candidate))) return true;
  }
  return false;
}

/** A keyboard walk or a run ("qwertyuiopas", "123456789012", "zyxwvutsrqpo"), or such a run repeated. */
function isSequence(password: string): boolean {
  const plain = squeezed(password);
  const repeated = unit(plain);
  return [plain, repeated].some(
    (candidate) => candidate.length >= 4 && RUNS.some((run) => run.includes(candidate)),
  );
}

/**
 * The password policy, after NIST SP 800-63B §5.1.1.2: length rather than composition rules (no "one
 * digit, one capital" demands), at least 12 and at most 128 characters (counted as characters, so a
 * Chinese passphrase counts as it reads), and refused when it is a known common or breached password
 * (or one padded with digits and symbols, repeated, or spelled in l33t), a keyboard walk or run, a
 * single character over and over, or when it contains the username or the application's name.
 * Returns the first rule broken, with a stable code, or null when the password is acceptable.
 */
export function passwordRuleBroken(password: string, username?: string): PasswordRuleBroken | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { code: 'password_too_short', rule: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { code: 'password_too_long', rule: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  if (new Set(password).size < 4) {
    return { code: 'password_repetitive', rule: 'must contain at least 4 different characters' };
  }
  const folded = squeezed(password);
  const name = username ? squeezed(username) : '';
  if (name.length >= 3 && folded.includes(name)) {
    return { code: 'password_contains_username', rule: 'must not contain the username' };
  }
  if (APP_NAMES.some((app) => folded.includes(app))) {
    return {
      code: 'password_contains_app_name',
      rule: 'must not contain the application name (luodi, 落地)',
    };
  }
  if (isSequence(password)) {
    return {
      code: 'password_sequence',
      rule: 'must not be a keyboard pattern or a run of letters or digits',
    };
  }
  if (isCommon(password)) {
    return {
      code: 'password_common',
      rule: 'is a commonly used or breached password (even with digits or symbols added); choose a passphrase',
    };
  }
  return null;
}

/** The rule a password breaks, in plain words, or null (see `passwordRuleBroken`). */
export function passwordProblem(password: string, username?: string): string | null {
  return passwordRuleBroken(password, username)?.rule ?? null;
}
