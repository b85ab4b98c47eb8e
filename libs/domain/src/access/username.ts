import type { ErrorParams } from '../error-catalog';
import { ValidationFailed } from '../errors';

export const USERNAME_MAX_LENGTH = 64;
export const USERNAME_MIN_LENGTH = 3;

/** What a new username may be made of once normalised: 3–64 lower-case letters, digits, `.`, `_`, `-`. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

/** Stable codes of the username rules (the `code` of a 400 answer). */
export type UsernameRuleCode =
  | 'username_empty'
  | 'username_too_long'
  | 'username_invisible_character'
  | 'username_inner_whitespace'
  | 'username_format';

/**
 * Characters that print as nothing, or that a reader cannot tell apart from nothing: controls (Cc),
 * format characters (Cf: zero-width space, joiners, BOM, soft hyphen, bidi marks …), line and paragraph
 * separators, private-use, unassigned and surrogate code points, Unicode's default-ignorable code points
 * (variation selectors, combining grapheme joiner, Hangul fillers, Mongolian and Khmer invisibles …)
 * and the blank Braille pattern.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/u;

function refuse(code: UsernameRuleCode, rule: string, params: ErrorParams = {}): never {
  throw new ValidationFailed('username', rule, { code, params: { limit: USERNAME_MAX_LENGTH, ...params } });
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The one form of a username, used alike to store it, to look it up and to key the sign-in throttle:
 * Unicode NFKC (full-width letters become ASCII, a no-break or ideographic space a plain space), outer
 * whitespace trimmed, lower-cased. A username with an invisible, control or zero-width character, or
 * with whitespace inside, is refused (a `ValidationFailed` on `username` with a stable `code`) rather
 * than silently cleaned, so two spellings never look alike and reach different accounts or counters.
 */
export function normaliseUsername(raw: string): string {
  const folded = raw.normalize('NFKC');
  const invisible = INVISIBLE.exec(raw) ?? INVISIBLE.exec(folded);
  if (invisible) {
    refuse(
      'username_invisible_character',
      `must not contain invisible, control or zero-width characters (found ${codePoint(invisible[0])})`,
      { found: codePoint(invisible[0]) },
    );
  }
  const trimmed = folded.trim();
  if (trimmed === '') refuse('username_empty', 'must not be empty');
  if (/\s/u.test(trimmed)) refuse('username_inner_whitespace', 'must not contain spaces or other whitespace');
  const lower = trimmed.toLowerCase().normalize('NFKC');
  if ([...lower].length > USERNAME_MAX_LENGTH) {
    refuse('username_too_long', `must be at most ${USERNAME_MAX_LENGTH} characters`);
  }
  return lower;
}

/** A username for a new account: normalised, then 3–64 lower-case letters, digits, `.`, `_` or `-`. */
export function newUsername(raw: string): string {
  const username = normaliseUsername(raw);
  if (!USERNAME_PATTERN.test(username)) {
    refuse('username_format', 'must be 3–64 letters, digits, . _ or - (case does not matter)');
  }
  return username;
}
