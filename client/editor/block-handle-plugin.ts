import { Plugin, PluginKey, type Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { topLevelBlockAt } from '../../document-model/sections.ts';
import { demoteSection, moveBlockDown, moveBlockUp, promoteSection } from './section-moves.ts';
import { canEdit } from './read-only-plugin.ts';

/** Key of the block handle plugin. */
export const blockHandlePluginKey = new PluginKey('draftroom-block-handle');

interface MenuItem {
  /** Stable hook for tests (`data-command`). */
  id: string;
  label: MessageKey;
  shortcut: string;
  command: Command;
}

const ITEMS: readonly MenuItem[] = [
  { id: 'move-up', label: 'editor.moveUp', shortcut: 'Alt+Shift+↑', command: moveBlockUp },
  { id: 'move-down', label: 'editor.moveDown', shortcut: 'Alt+Shift+↓', command: moveBlockDown },
  { id: 'promote', label: 'editor.promote', shortcut: 'Alt+Shift+←', command: promoteSection },
  { id: 'demote', label: 'editor.demote', shortcut: 'Alt+Shift+→', command: demoteSection },
];

/**
 * A handle button in the left gutter of the top-level block holding the cursor, opening a
 * menu "Chuyển lên / Chuyển xuống / Nâng cấp / Hạ cấp" (the same commands as Alt+Shift+arrows;
 * items that cannot apply are disabled). Plain buttons with translated labels; ↑ / ↓ walk the
 * items, Escape or a click elsewhere closes the menu. Shown only while this user may edit (`canEdit`). The handle lives
 * in the editor's parent element, which must be positioned (`.editor-surface`).
 */
export function blockHandlePlugin(): Plugin {
  return new Plugin({
    key: blockHandlePluginKey,
    view: (view) => createBlockHandle(view),
  });
}

function createBlockHandle(view: EditorView): { update(view: EditorView): void; destroy(): void } {
  const menu = h('div', { className: 'block-handle__menu', i18nAriaLabel: 'editor.blockActions', attrs: { role: 'menu' } });
  menu.hidden = true;
  const handle = h('button', {
    className: 'block-handle',
    text: '⋮⋮',
    i18nAriaLabel: 'editor.blockActions',
    i18nTitle: 'editor.blockActions',
    attrs: { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
  });
  const root = h('div', { className: 'block-handle__root', attrs: { contenteditable: 'false' } }, [handle, menu]);
  const buttons = ITEMS.map((item) => {
    const button = h('button', {
      className: 'block-handle__item',
      attrs: { type: 'button', role: 'menuitem', 'data-command': item.id },
    }, [h('span', { i18n: item.label }), h('kbd', { className: 'block-handle__shortcut', text: item.shortcut })]);
    button.addEventListener('click', () => {
      close(false);
      item.command(view.state, view.dispatch);
      view.focus();
    });
    return button;
  });
  menu.append(...buttons);

  const open = (): void => {
    ITEMS.forEach((item, index) => {
      const button = buttons[index];
      if (button) button.disabled = !item.command(view.state);
    });
    menu.hidden = false;
    handle.setAttribute('aria-expanded', 'true');
    buttons.find((button) => !button.disabled)?.focus();
  };
  function close(refocus: boolean): void {
    menu.hidden = true;
    handle.setAttribute('aria-expanded', 'false');
    if (refocus) handle.focus();
  }
  // Keep the editor's selection: the handle acts on the block under the cursor.
  handle.addEventListener('mousedown', (event) => event.preventDefault());
  handle.addEventListener('click', () => (menu.hidden ? open() : close(true)));
  root.addEventListener('keydown', (event) => {
    if (menu.hidden) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      // Arrow keys walk the enabled items, as a menu's keyboard users expect.
      event.preventDefault();
      const enabled = buttons.filter((button) => !button.disabled);
      const index = enabled.findIndex((button) => button === document.activeElement);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      enabled[(index + step + enabled.length) % enabled.length]?.focus();
    }
  });
  const onOutside = (event: MouseEvent): void => {
    if (!menu.hidden && event.target instanceof Node && !root.contains(event.target)) close(false);
  };
  document.addEventListener('mousedown', onOutside);
  view.dom.parentElement?.append(root);

  const place = (current: EditorView): void => {
    const pos = canEdit(current) ? topLevelBlockAt(current.state.doc, current.state.selection.from) : null;
    const dom = pos === null ? null : current.nodeDOM(pos);
    const parent = root.parentElement;
    if (!(dom instanceof HTMLElement) || !parent) {
      root.hidden = true;
      return;
    }
    root.hidden = false;
    root.style.top = `${dom.getBoundingClientRect().top - parent.getBoundingClientRect().top}px`;
  };
  place(view);
  return {
    update: (current) => place(current),
    destroy: () => {
      document.removeEventListener('mousedown', onOutside);
      root.remove();
    },
  };
}
