/**
 * The account rules the server checks, repeated so forms can say what is wrong before
 * sending (the server stays the authority).
 */

/** Shortest password the server accepts. */
export const MIN_PASSWORD_LENGTH = 8;

/** Usernames: lower-case ASCII letters and digits, then also `.`, `_`, `-`; 2–64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Why a new password cannot be used, or null when it is fine. */
export type PasswordProblem = 'password.tooShort' | 'password.mismatch';

/**
 * Checks a new password and its repetition: too short (fewer than 8 characters, counted as
 * Unicode code points like the server) wins over a mismatch. Without `repeat` only the
 * length is checked.
 */
export function newPasswordProblem(password: string, repeat?: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password.tooShort';
  if (repeat !== undefined && repeat !== password) return 'password.mismatch';
  return null;
}

/** True when `username` has the form the server accepts. */
export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

/** A plausible e-mail address (`name@domain.tld`); the server checks it again. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254;
}
