const PREFIX = 'draftroom:draft:';

/** The session storage of this tab, or null where it is unavailable (private modes, tests). */
function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Keeps what is typed into `field` in this tab's session storage under `key` (e.g. the document
 * and the passage a comment is about), so that a reload or a trip through the login page after
 * the session expired gives it back: the field is filled from a saved draft when it is empty,
 * and every input saves it. Call `discardDraft(key)` once the text was sent.
 */
export function keepDraft(field: HTMLTextAreaElement | HTMLInputElement, key: string): void {
  const store = storage();
  if (!store) return;
  const saved = store.getItem(PREFIX + key);
  if (saved !== null && field.value === '') field.value = saved;
  field.addEventListener('input', () => {
    try {
      if (field.value === '') store.removeItem(PREFIX + key);
      else store.setItem(PREFIX + key, field.value);
    } catch {
      // Storage full: the draft is only a convenience.
    }
  });
}

/** Forgets the draft kept under `key` (after it was sent, or cancelled on purpose). */
export function discardDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}
