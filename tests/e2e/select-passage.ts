import type { Page } from 'playwright-core';

/** Selects the first occurrence of `passage` in the editor through the DOM, as a mouse drag would; ProseMirror reads it on `selectionchange`. */
export async function selectPassage(page: Page, passage: string): Promise<void> {
  await page.evaluate((needle) => {
    const editor = document.querySelector('.ProseMirror');
    if (!editor) throw new Error('no editor');
    // No named functions in here: the test runner's transpiler would wrap them in a helper the page lacks.
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.parentElement?.closest('.ProseMirror-yjs-cursor')) continue;
      const text = node.textContent ?? '';
      const index = text.indexOf(needle);
      if (index < 0) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + needle.length);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`passage not found: ${needle}`);
  }, passage);
  await page.waitForFunction((needle) => getSelection()?.toString() === needle, passage);
}
