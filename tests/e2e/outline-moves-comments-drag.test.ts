import { moveWithCommentTest } from './moves-comments.ts';

/** Issue 10 in Chromium: a ministry comment on I.2 follows the section dragged below I.3 in the outline panel (see moves-comments.ts). */
moveWithCommentTest('dragging I.2 below I.3 in the outline panel: the comment stays active; the comparison shows one moved section', 'Góp ý theo mục kéo thả', async (page) => {
  const source = page.locator('.outline-panel__link', { hasText: 'Mục I.2' }).first();
  // The upper edge of "Quan điểm": the drop line goes above it, i.e. after I.3's section.
  await source.dragTo(page.locator('.outline-panel__link', { hasText: 'Quan điểm' }), { targetPosition: { x: 20, y: 3 } });
});
