import assert from 'node:assert/strict';
import { waitUntil } from './browser.ts';
import { moveWithCommentTest } from './moves-comments.ts';

/** Issue 10 in Chromium: a ministry comment on I.2 follows the section cut and pasted above "Quan điểm" (see moves-comments.ts). */
moveWithCommentTest('cutting I.2 and pasting it above "Quan điểm": the comment stays active; the comparison shows one moved section', 'Góp ý theo mục cắt dán', async (page) => {
  await page.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
  await page.keyboard.press('Home');
  // Down by lines until the selection reaches I.2.1's paragraph: how many lines a block takes depends on the page's width.
  const focusIn = (id: string): Promise<boolean> =>
    page.evaluate((blockId) => {
      const node = getSelection()?.focusNode ?? null;
      return (node instanceof Element ? node : node?.parentElement)?.closest(`[data-block-id="${blockId}"]`) != null;
    }, id);
  for (let line = 0; line < 12 && !(await focusIn('p-I21')); line++) await page.keyboard.press('Shift+ArrowDown');
  assert.ok(await focusIn('p-I21'), 'the selection reaches the last paragraph of I.2');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Control+x');
  await waitUntil(async () => (await page.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).count()) === 0, 'the section is cut');
  await page.locator('.ProseMirror h1', { hasText: 'Quan điểm' }).click();
  // The caret must be at the start of the heading before pasting (see outline-cut-paste.test.ts).
  const atHeadingStart = (): Promise<boolean> =>
    page.evaluate(() => {
      const selection = getSelection();
      const node = selection?.anchorNode ?? null;
      const heading = (node instanceof Element ? node : node?.parentElement)?.closest('h1');
      return selection !== null && selection.isCollapsed && selection.anchorOffset === 0 && heading?.textContent?.includes('Quan điểm') === true;
    });
  for (let attempt = 0; attempt < 10 && !(await atHeadingStart()); attempt++) {
    await page.keyboard.press('Home');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(await atHeadingStart(), 'the caret is at the start of "Quan điểm"');
  await page.keyboard.press('Control+v');
});
