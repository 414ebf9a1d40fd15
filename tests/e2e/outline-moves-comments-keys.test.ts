import { moveWithCommentTest } from './moves-comments.ts';

/** Issue 10 in Chromium: a ministry comment on I.2 follows the section moved below I.3 with Alt+Shift+↓ (see moves-comments.ts). */
moveWithCommentTest('Alt+Shift+↓ on heading I.2: the comment stays active; the comparison shows one moved section', 'Góp ý theo mục phím tắt', async (page) => {
  await page.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
  await page.keyboard.press('Alt+Shift+ArrowDown');
});
