import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertMoved,
  assertUndoInOneStep,
  MOVED,
  MOVED_OUTLINE,
  startOutlineWorld,
  type OutlineWorld,
} from './outline-session.ts';

/**
 * End to end, in a real Chromium: the editor moves section I.2 (with its subsection) below
 * I.3 by dragging it in the outline panel and by Alt+Shift+↓ (and with the block handle's menu).
 * Each time the blocks keep their ids, the numbering follows, the secretariat in a second
 * browser and a plain Yjs client see the move as one update, and Ctrl+Z takes it back in one step.
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

test('dragging I.2 in the outline panel below I.3 moves the whole section as one change', { timeout: 120_000 }, async () => {
  await started().withSession('Đề cương kéo thả', async (session) => {
    const source = session.a.locator('.outline-panel__link', { hasText: 'Mục I.2' }).first();
    assert.equal(await source.getAttribute('draggable'), 'true');
    // While dragging over the upper half of "Quan điểm", the drop line shows above that entry.
    const indicator = await session.a.evaluate(() => {
      const links = [...document.querySelectorAll<HTMLElement>('.outline-panel__link')];
      const from = links.find((link) => link.textContent?.includes('Mục I.2'));
      const to = links.find((link) => link.textContent?.includes('Quan điểm'));
      if (!from || !to) return 'entries missing';
      const dataTransfer = new DataTransfer();
      from.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer }));
      const box = to.getBoundingClientRect();
      const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer, clientX: box.left + 5, clientY: box.top + 2 });
      to.dispatchEvent(over);
      const shown = `${String(over.defaultPrevented)} ${to.closest('li')?.className ?? ''}`;
      from.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer }));
      return shown;
    });
    assert.match(indicator, /^true .*outline-panel__item--drop-before/);
    assert.equal(await session.a.locator('.outline-panel__item--drop-before').count(), 0, 'the line goes away after the drag');
    const before = session.updates();
    // The upper edge of "Quan điểm": the drop line goes above it, i.e. after I.3's section.
    await source.dragTo(session.a.locator('.outline-panel__link', { hasText: 'Quan điểm' }), { targetPosition: { x: 20, y: 3 } });
    await assertMoved(session, MOVED, MOVED_OUTLINE);
    assert.equal(session.updates() - before, 1, 'the move reaches the others as one update');
    await assertUndoInOneStep(session);
  });
  assert.deepEqual(started().pageErrors, []);
});

test('Alt+Shift+↓ on heading I.2 moves its section below I.3; the block handle menu moves it back', { timeout: 120_000 }, async () => {
  await started().withSession('Đề cương phím tắt', async (session) => {
    await session.a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    const before = session.updates();
    await session.a.keyboard.press('Alt+Shift+ArrowDown');
    await assertMoved(session, MOVED, MOVED_OUTLINE);
    assert.equal(session.updates() - before, 1, 'the move reaches the others as one update');
    await assertUndoInOneStep(session);

    // The handle beside the block under the cursor offers the same moves, in Vietnamese.
    await session.a.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    const handle = session.a.locator('.block-handle');
    assert.equal(await handle.getAttribute('aria-label'), 'Thao tác với khối');
    await handle.click();
    const down = session.a.locator('.block-handle__item[data-command="move-down"]');
    assert.equal((await down.locator('span').first().textContent())?.trim(), 'Chuyển xuống');
    await down.click();
    await assertMoved(session, MOVED, MOVED_OUTLINE);
    await handle.click();
    await session.a.locator('.block-handle__menu').waitFor({ state: 'visible' });
    await session.a.keyboard.press('Escape');
    await session.a.locator('.block-handle__menu').waitFor({ state: 'hidden' });
  });
  assert.deepEqual(started().pageErrors, []);
});
