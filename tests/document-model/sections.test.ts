import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node as PMNode } from 'prosemirror-model';
import { outline, posOf } from './outline-builder.ts';
import {
  planLevelChange,
  planMoveBefore,
  planMoveDown,
  planMoveUp,
  sectionRange,
  topLevelBlockAt,
  wholeBlocksCovered,
  type MovePlan,
} from '../../document-model/sections.ts';

/** Ids of the top-level blocks after applying `plan` to `d`. */
function applied(d: PMNode, plan: MovePlan | null): string[] {
  assert.ok(plan, 'expected a move');
  const moved: PMNode[] = [];
  const before: PMNode[] = [];
  const after: PMNode[] = [];
  d.forEach((node, offset) => {
    if (offset >= plan.from && offset < plan.to) moved.push(node);
    else if (offset < plan.insertAt) before.push(node);
    else after.push(node);
  });
  return [...before, ...moved, ...after].map((node) => String(node.attrs.id));
}

const sample = outline('h1:I', 'h2:I.1', 'p:a', 'h2:I.2', 'p:b', 'h3:I.2.1', 'p:c', 'h2:I.3', 'p:d', 'h1:II', 'p:e');

test('a section runs from its heading to the next heading of the same or a higher level', () => {
  const range = sectionRange(sample, posOf(sample, 'I.2'));
  assert.deepEqual(range, { from: posOf(sample, 'I.2'), to: posOf(sample, 'I.3') });
  assert.deepEqual(sectionRange(sample, posOf(sample, 'I')), { from: 0, to: posOf(sample, 'II') });
  assert.deepEqual(sectionRange(sample, posOf(sample, 'II')), { from: posOf(sample, 'II'), to: sample.content.size });
  // A paragraph is a section of one; a position inside a block starts no section.
  assert.deepEqual(sectionRange(sample, posOf(sample, 'b')), { from: posOf(sample, 'b'), to: posOf(sample, 'I.2.1') });
  assert.equal(sectionRange(sample, posOf(sample, 'b') + 1), null);
});

test('topLevelBlockAt finds the block around a position, also inside a list', () => {
  const d = outline('p:a', 'l:x', 'p:b');
  assert.equal(topLevelBlockAt(d, 2), 0);
  assert.equal(topLevelBlockAt(d, posOf(d, 'x') + 3), posOf(d, 'x'));
  assert.equal(topLevelBlockAt(d, d.content.size), posOf(d, 'b'));
});

test('Alt+Shift+↓ on a heading moves its section below the next sibling section', () => {
  assert.deepEqual(applied(sample, planMoveDown(sample, posOf(sample, 'I.2'))), [
    'I', 'I.1', 'a', 'I.3', 'd', 'I.2', 'b', 'I.2.1', 'c', 'II', 'e',
  ]);
});

test('Alt+Shift+↑ on a heading moves its section above the previous sibling section', () => {
  assert.deepEqual(applied(sample, planMoveUp(sample, posOf(sample, 'I.3'))), [
    'I', 'I.1', 'a', 'I.3', 'd', 'I.2', 'b', 'I.2.1', 'c', 'II', 'e',
  ]);
  assert.deepEqual(applied(sample, planMoveUp(sample, posOf(sample, 'II'))), [
    'II', 'e', 'I', 'I.1', 'a', 'I.2', 'b', 'I.2.1', 'c', 'I.3', 'd',
  ]);
});

test('a last subsection moving down becomes the next parent’s first subsection, and back up', () => {
  const down = applied(sample, planMoveDown(sample, posOf(sample, 'I.3')));
  assert.deepEqual(down, ['I', 'I.1', 'a', 'I.2', 'b', 'I.2.1', 'c', 'II', 'e', 'I.3', 'd']);
  const first = applied(sample, planMoveUp(sample, posOf(sample, 'I.1')));
  assert.deepEqual(first, ['I.1', 'a', 'I', 'I.2', 'b', 'I.2.1', 'c', 'I.3', 'd', 'II', 'e']);
});

test('a paragraph or list swaps with its neighbour; nothing moves past the ends', () => {
  assert.deepEqual(applied(sample, planMoveUp(sample, posOf(sample, 'd'))), [
    'I', 'I.1', 'a', 'I.2', 'b', 'I.2.1', 'c', 'd', 'I.3', 'II', 'e',
  ]);
  const d = outline('p:a', 'l:x', 'p:b');
  assert.deepEqual(applied(d, planMoveDown(d, posOf(d, 'x'))), ['a', 'b', 'x']);
  assert.equal(planMoveUp(d, 0), null);
  assert.equal(planMoveDown(d, posOf(d, 'b')), null);
  assert.equal(planMoveDown(sample, posOf(sample, 'II')), null);
});

test('a drop moves a section before a heading or to the end; a drop onto itself is no move', () => {
  const i2 = posOf(sample, 'I.2');
  assert.deepEqual(applied(sample, planMoveBefore(sample, i2, posOf(sample, 'II'))), [
    'I', 'I.1', 'a', 'I.3', 'd', 'I.2', 'b', 'I.2.1', 'c', 'II', 'e',
  ]);
  assert.deepEqual(applied(sample, planMoveBefore(sample, i2, null)).slice(-4), ['I.2', 'b', 'I.2.1', 'c']);
  assert.deepEqual(applied(sample, planMoveBefore(sample, i2, posOf(sample, 'I.1'))).slice(0, 5), ['I', 'I.2', 'b', 'I.2.1', 'c']);
  assert.equal(planMoveBefore(sample, i2, i2), null);
  assert.equal(planMoveBefore(sample, i2, posOf(sample, 'I.2.1')), null);
  assert.equal(planMoveBefore(sample, i2, posOf(sample, 'I.3')), null);
  assert.equal(planMoveBefore(sample, i2, i2 + 1), null);
});

test('promote and demote change a heading and its subsection headings, within levels 1–4', () => {
  assert.deepEqual(planLevelChange(sample, posOf(sample, 'I.2'), 1), [
    { pos: posOf(sample, 'I.2'), level: 3 },
    { pos: posOf(sample, 'I.2.1'), level: 4 },
  ]);
  assert.deepEqual(planLevelChange(sample, posOf(sample, 'I.2'), -1), [
    { pos: posOf(sample, 'I.2'), level: 1 },
    { pos: posOf(sample, 'I.2.1'), level: 2 },
  ]);
  assert.equal(planLevelChange(sample, posOf(sample, 'I'), -1), null);
  assert.equal(planLevelChange(outline('h3:x', 'h4:y'), 0, 1), null);
  assert.equal(planLevelChange(sample, posOf(sample, 'a'), 1), null);
});

test('wholeBlocksCovered recognises a selection of whole blocks only', () => {
  const i2 = posOf(sample, 'I.2');
  const i3 = posOf(sample, 'I.3');
  // From the start of the heading's text to the end of the section's last paragraph.
  assert.deepEqual(wholeBlocksCovered(sample, i2 + 1, i3 - 1), { from: i2, to: i3 });
  assert.equal(wholeBlocksCovered(sample, i2 + 2, i3 - 1), null, 'starts inside the heading');
  assert.equal(wholeBlocksCovered(sample, i2 + 1, i3 - 2), null, 'ends inside the last paragraph');
  assert.equal(wholeBlocksCovered(sample, i2 + 1, posOf(sample, 'b') - 1), null, 'a single block');
  assert.equal(wholeBlocksCovered(sample, 1, sample.content.size - 1), null, 'the whole document');
  const d = outline('p:a', 'l:x', 'p:b');
  // A list's text ends two nodes deep (item, paragraph).
  assert.deepEqual(wholeBlocksCovered(d, 1, posOf(d, 'b') - 3), { from: 0, to: posOf(d, 'b') });
});
