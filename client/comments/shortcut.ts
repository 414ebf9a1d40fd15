/** The keys of a keyboard event that decide shortcuts. */
export type ShortcutKeys = Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'code'>;

/**
 * True for the new-comment shortcut Ctrl+Alt+M (⌘⌥M on a Mac). Matched by key position
 * (`KeyM`), since Alt changes the character typed on many layouts (and Telex input).
 */
export function isNewThreadShortcut(event: ShortcutKeys): boolean {
  return (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyM';
}
