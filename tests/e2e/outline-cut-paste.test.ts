import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertMoved,
  assertUndoInOneStep,
  blockIds,
  MOVED,
  MOVED_OUTLINE,
  ORIGINAL,
  ORIGINAL_OUTLINE,
  outlineEntries,
  startOutlineWorld,
  type OutlineWorld,
} from './outline-session.ts';

/**
 * End to end, in a real Chromium: cutting section I.2 leaves no empty heading behind and pasting
 * it above the next part puts the same blocks (same ids) there, renumbered for everyone; a
 * ministry officer (read-only) can neither drag nor move.
 * Needs `npm run build:client` first and Chromium (see browser.ts).
 */

let world: OutlineWorld | undefined;

before(async () => {
  world = await startOutlineWorld();
});

after(async () => {
  await world?.close();
});

/** The running world of this file. */
function started(): OutlineWorld {
  if (!world) throw new Error('not started');
  return world;
}

test('cutting section I.2 leaves no empty heading; pasting it above "Quan điểm" keeps its ids', { timeout: 120_000 }, async () => {
  await started().withSession('Đề cương cắt dán', async (session) => {
    const { a } = session;
    // Select from the start of heading I.2 to the end of its last paragraph, as with the keyboard.
    await a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    await a.keyboard.press('Home');
    for (let line = 0; line < 3; line++) await a.keyboard.press('Shift+ArrowDown');
    await a.keyboard.press('Shift+End');
    await a.keyboard.press('Control+x');
    const withoutI2 = ORIGINAL.filter((id) => !['h-I2', 'p-I2', 'h-I21', 'p-I21'].includes(id));
    await assertMoved(session, withoutI2, ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.3', 'Phần II Quan điểm']);

    await a.locator('.ProseMirror h1', { hasText: 'Quan điểm' }).click();
    // The caret must be at the start of the heading before pasting; on a loaded machine the
    // click can still be settling when Home is pressed, so press it until the caret is there.
    const atHeadingStart = (): Promise<boolean> =>
      a.evaluate(() => {
        const selection = getSelection();
        const node = selection?.anchorNode ?? null;
        const heading = (node instanceof Element ? node : node?.parentElement)?.closest('h1');
        return selection !== null && selection.isCollapsed && selection.anchorOffset === 0 && heading?.textContent?.includes('Quan điểm') === true;
      });
    for (let attempt = 0; attempt < 10 && !(await atHeadingStart()); attempt++) {
      await a.keyboard.press('Home');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(await atHeadingStart(), 'the caret is at the start of "Quan điểm"');
    await a.keyboard.press('Control+v');
    await assertMoved(session, MOVED, MOVED_OUTLINE);

    // Two steps (paste, then cut), each undone by one Ctrl+Z.
    await a.keyboard.press('Control+z');
    await assertMoved(session, withoutI2, ['Phần I Bối cảnh', '1. Mục I.1', '2. Mục I.3', 'Phần II Quan điểm']);
    await assertUndoInOneStep(session);
  });
  assert.deepEqual(started().pageErrors, []);
});

test('a ministry officer (read-only) can neither drag outline entries nor move sections', { timeout: 120_000 }, async () => {
  await started().withSession('Đề cương chỉ xem', async (session) => {
    const { a } = session;
    const source = a.locator('.outline-panel__link', { hasText: 'Mục I.2' }).first();
    assert.equal(await source.getAttribute('draggable'), 'false');
    const before = session.updates();
    await source.dragTo(a.locator('.outline-panel__link', { hasText: 'Quan điểm' }), { targetPosition: { x: 20, y: 3 } });
    await a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    await a.keyboard.press('Alt+Shift+ArrowDown');
    assert.equal(await a.locator('.block-handle').isVisible(), false, 'no block handle for a read-only role');
    // Give a wrongly sent change time to arrive, then check nothing moved anywhere.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(session.updates(), before);
    assert.deepEqual(blockIds(session.observer), ORIGINAL);
    assert.deepEqual(await outlineEntries(a), ORIGINAL_OUTLINE);
  }, 'ministry');
  assert.deepEqual(started().pageErrors, []);
});
