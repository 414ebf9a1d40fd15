import { baseKeymap } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { setHeading, setParagraph, toggleList, toggleMarkNamed } from './commands.ts';
import { demoteSection, moveBlockDown, moveBlockUp, promoteSection } from './section-moves.ts';
import { outlineSchema } from '../../document-model/schema.ts';

/**
 * Word-like shortcuts. Letter keys held with Shift are bound by their upper-case name
 * (prosemirror-keymap's convention), plus the lower-case Shift form for Caps Lock.
 * Undo and redo go through the Yjs undo manager, so they only revert this user's edits.
 */
export function outlineKeymaps(): Plugin[] {
  const listItem = outlineSchema.nodes.list_item;
  if (!listItem) throw new Error('schema has no list_item');
  const redo: Command = redoCommand;
  const bindings: Record<string, Command> = {
    'Mod-z': undoCommand,
    'Mod-y': redo,
    'Mod-Z': redo,
    'Mod-Shift-z': redo,
    'Mod-b': toggleMarkNamed('strong'),
    'Mod-i': toggleMarkNamed('em'),
    'Mod-u': toggleMarkNamed('underline'),
    'Mod-N': setParagraph,
    'Mod-Shift-n': setParagraph,
    'Mod-Alt-0': setParagraph,
    'Mod-L': toggleList('bullet_list'),
    'Mod-Shift-l': toggleList('bullet_list'),
    Enter: splitListItem(listItem),
    Tab: sinkListItem(listItem),
    'Shift-Tab': liftListItem(listItem),
    // Word's outline shortcuts: move a block or section, promote / demote a heading.
    'Alt-Shift-ArrowUp': moveBlockUp,
    'Alt-Shift-ArrowDown': moveBlockDown,
    'Alt-Shift-ArrowLeft': promoteSection,
    'Alt-Shift-ArrowRight': demoteSection,
  };
  for (let level = 1; level <= 4; level++) bindings[`Mod-Alt-${level}`] = setHeading(level);
  // Enter above falls through to the base keymap's Enter outside lists.
  return [keymap(bindings), keymap(baseKeymap)];
}
