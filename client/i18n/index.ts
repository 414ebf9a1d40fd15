import type { MessageKey } from './vi.ts';
import { DEFAULT_TERMS, formatMessage, MESSAGES, parseLocale, type Locale, type Terms } from './messages.ts';

export type { MessageKey } from './vi.ts';
export type { Locale, Terms } from './messages.ts';
export { DEFAULT_TERMS } from './messages.ts';

const STORAGE_KEY = 'draftroom.locale';

/** Listener called after the locale changed. */
export type LocaleListener = (locale: Locale) => void;

// The page has exactly one active language; components subscribe to changes of it.
let current: Locale = readStoredLocale();
const listeners = new Set<LocaleListener>();

function readStoredLocale(): Locale {
  try {
    return parseLocale(globalThis.localStorage?.getItem(STORAGE_KEY)) ?? 'vi';
  } catch {
    // Storage can be blocked by browser privacy settings; the default still works.
    return 'vi';
  }
}

/** The active locale: the one remembered in localStorage, else Vietnamese. */
export function getLocale(): Locale {
  return current;
}

/** Switches the UI language, remembers it, updates `<html lang>` and notifies listeners. */
export function setLocale(locale: Locale): void {
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembering the choice is acceptable; the switch itself still applies.
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    applyTranslations(document.body);
  }
  for (const listener of listeners) listener(locale);
}

/** Subscribes to locale changes; returns the unsubscribe function. */
export function onLocaleChange(listener: LocaleListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Set once from the server's settings at start (and again after the secretariat edits them).
let terms: Terms = { ...DEFAULT_TERMS };

/** Uses `next` for `{draftingBody}` / `{secretariat}` from now on and re-translates the page. */
export function setTerms(next: Terms): void {
  terms = { draftingBody: next.draftingBody.normalize('NFC'), secretariat: next.secretariat.normalize('NFC') };
  if (typeof document !== 'undefined') applyTranslations(document.body);
}

/** The names in use. */
export function getTerms(): Terms {
  return { ...terms };
}

/** Translates `key` in the active locale, filling `{name}` placeholders (and the organisation's terms). */
export function t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  return formatMessage(current, key, { ...terms, ...params });
}

const TRANSLATED_ATTRIBUTES = ['placeholder', 'title', 'aria-label'] as const;

/**
 * Re-translates static texts below `root`: an element with `data-i18n="key"` gets that
 * text as its textContent; `data-i18n-title` (and `-placeholder`, `-aria-label`) set the
 * matching attribute. Unknown keys are left alone (they can only come from our own markup).
 */
export function applyTranslations(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n;
    if (isMessageKey(key)) element.textContent = t(key);
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of root.querySelectorAll<HTMLElement>(`[data-i18n-${attribute}]`)) {
      const key = element.getAttribute(`data-i18n-${attribute}`);
      if (isMessageKey(key)) element.setAttribute(attribute, t(key));
    }
  }
}

function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(MESSAGES.vi, value);
}
