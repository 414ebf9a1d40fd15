import { vi, type MessageKey } from './vi.ts';
import { en } from './en.ts';

/** Languages the UI is available in; Vietnamese is the default. */
export type Locale = 'vi' | 'en';

/** All supported locales, default first. */
export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** The string table of each locale. */
export const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { vi, en };

/** Names of the organisation's bodies that Vietnamese strings use as `{draftingBody}` and `{secretariat}`. */
export interface Terms {
  draftingBody: string;
  secretariat: string;
}

/** The names until the server's settings are known (the server's own defaults). */
export const DEFAULT_TERMS: Readonly<Terms> = { draftingBody: 'Tổ biên soạn', secretariat: 'Ban thư ký' };

/** Narrows an untrusted value (e.g. from localStorage) to a locale, or null. */
export function parseLocale(value: unknown): Locale | null {
  return value === 'vi' || value === 'en' ? value : null;
}

/**
 * Looks up `key` in `locale` and fills `{name}` placeholders from `params`.
 * Placeholders without a value are left as they are, so a mistake is visible, not silent.
 */
export function formatMessage(locale: Locale, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const template = MESSAGES[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
