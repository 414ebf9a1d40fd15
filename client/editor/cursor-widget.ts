import type { DecorationAttrs } from 'prosemirror-view';
import { safeColor } from './user-color.ts';

/**
 * Builds a collaborator's caret for yCursorPlugin: a coloured bar with the person's name
 * in a label above it. The name is set with textContent (it comes from another client)
 * and the colour is validated, so awareness data cannot inject markup or styles.
 */
export function buildCursor(user: unknown): HTMLElement {
  const { name, color } = readUser(user);
  const caret = document.createElement('span');
  caret.className = 'ProseMirror-yjs-cursor';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'ProseMirror-yjs-cursor__label';
  label.style.backgroundColor = color;
  label.textContent = name;
  // Word joiners keep the caret from creating a line-break opportunity around itself.
  caret.append('\u2060', label, '\u2060');
  return caret;
}

/** Attributes of a collaborator's selection highlight (translucent version of their colour). */
export function buildSelection(user: unknown): DecorationAttrs {
  const { color } = readUser(user);
  return { style: `background-color: ${color}33`, class: 'ProseMirror-yjs-selection' };
}

function readUser(user: unknown): { name: string; color: string } {
  if (typeof user !== 'object' || user === null) return { name: '?', color: safeColor(undefined) };
  const name = 'name' in user && typeof user.name === 'string' ? user.name : '?';
  const color = 'color' in user ? safeColor(user.color) : safeColor(undefined);
  return { name, color };
}
