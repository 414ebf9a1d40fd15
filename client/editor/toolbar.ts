import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redoCommand, undoCommand } from 'y-prosemirror';
import type { MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { createTableToolbarGroup } from './table-toolbar.ts';
import { currentBlock, isMarkActive, setHeading, setParagraph, toggleList, toggleMarkNamed, enclosingList } from './commands.ts';

interface ToolbarItem {
  /** Stable hook for tests and styling (`data-command`). */
  id: string;
  label: MessageKey;
  /** Short visible text; the translated label is the tooltip and accessible name. */
  glyph: string;
  shortcut: string;
  command: Command;
  /** Whether the item shows as pressed; omitted for actions (undo, redo). */
  active?: (state: EditorState) => boolean;
}

const headingItem = (level: number): ToolbarItem => ({
  id: `heading-${level}`,
  label: `editor.heading${level}` as MessageKey,
  glyph: `H${level}`,
  shortcut: `Ctrl+Alt+${level}`,
  command: setHeading(level),
  active: (state) => {
    const block = currentBlock(state);
    return block.name === 'heading' && block.level === level;
  },
});

const GROUPS: ToolbarItem[][] = [
  [
    { id: 'paragraph', label: 'editor.paragraph', glyph: '¶', shortcut: 'Ctrl+Shift+N', command: setParagraph, active: (s) => currentBlock(s).name === 'paragraph' && enclosingList(s) === null },
    headingItem(1),
    headingItem(2),
    headingItem(3),
    headingItem(4),
  ],
  [
    { id: 'bullet-list', label: 'editor.bulletList', glyph: '•', shortcut: 'Ctrl+Shift+L', command: toggleList('bullet_list'), active: (s) => enclosingList(s)?.node.type.name === 'bullet_list' },
    { id: 'ordered-list', label: 'editor.orderedList', glyph: '1.', shortcut: '', command: toggleList('ordered_list'), active: (s) => enclosingList(s)?.node.type.name === 'ordered_list' },
  ],
  [
    { id: 'bold', label: 'editor.bold', glyph: 'B', shortcut: 'Ctrl+B', command: toggleMarkNamed('strong'), active: (s) => isMarkActive(s, 'strong') },
    { id: 'italic', label: 'editor.italic', glyph: 'I', shortcut: 'Ctrl+I', command: toggleMarkNamed('em'), active: (s) => isMarkActive(s, 'em') },
    { id: 'underline', label: 'editor.underline', glyph: 'U', shortcut: 'Ctrl+U', command: toggleMarkNamed('underline'), active: (s) => isMarkActive(s, 'underline') },
  ],
  [
    { id: 'undo', label: 'editor.undo', glyph: '↶', shortcut: 'Ctrl+Z', command: undoCommand },
    { id: 'redo', label: 'editor.redo', glyph: '↷', shortcut: 'Ctrl+Y', command: redoCommand },
  ],
];

/** A rendered toolbar whose buttons reflect the editor state. */
export interface Toolbar {
  readonly element: HTMLElement;
  /** Updates pressed/disabled states from `view`'s current state. */
  update(view: EditorView): void;
}

/**
 * The formatting toolbar (paragraph, headings 1–4, lists, bold/italic/underline, undo,
 * redo, then the table group of `table-toolbar.ts`). Buttons keep the editor's focus and selection (mousedown is cancelled), show
 * their shortcut in the tooltip, and are disabled when their command does not apply.
 */
export function createToolbar(view: EditorView, editable: boolean): Toolbar {
  const buttons: Array<{ item: ToolbarItem; button: HTMLButtonElement }> = [];
  const element = h('div', { className: 'toolbar', attrs: { role: 'toolbar' }, i18nAriaLabel: 'editor.toolbar' });
  for (const group of GROUPS) {
    const groupElement = h('div', { className: 'toolbar__group', attrs: { role: 'group' } });
    for (const item of group) {
      // The glyph ("H2", "1.") is only seen; the spoken name is the label, so that what is
      // read out and what a voice-control user says match (no aria-label hiding the glyph).
      const button = h(
        'button',
        {
          className: `toolbar__button toolbar__button--${item.id}`,
          i18nTitle: item.label,
          attrs: { type: 'button', 'data-command': item.id, 'data-shortcut': item.shortcut },
        },
        [h('span', { text: item.glyph, attrs: { 'aria-hidden': 'true' } }), h('span', { className: 'visually-hidden', i18n: item.label })],
      );
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => {
        item.command(view.state, view.dispatch, view);
        view.focus();
      });
      groupElement.append(button);
      buttons.push({ item, button });
    }
    element.append(groupElement);
  }
  const tables = createTableToolbarGroup(view);
  element.append(tables.element);
  const update = (current: EditorView): void => {
    for (const { item, button } of buttons) {
      const active = item.active ? item.active(current.state) : false;
      if (item.active) button.setAttribute('aria-pressed', String(active));
      // Without `dispatch` a command only answers whether it applies (undo: anything to undo).
      // A pressed button stays enabled so its state reads clearly.
      button.disabled = !editable || (!active && !item.command(current.state, undefined, current));
    }
    tables.update(current);
  };
  update(view);
  return { element, update };
}
