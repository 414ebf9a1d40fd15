import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { anchorFor } from '../comments/helpers.ts';
import { waitUntil } from './browser.ts';
import { assertMoved, MOVED, MOVED_OUTLINE, startOutlineWorld, type OutlineWorld, type Session } from './outline-session.ts';

/**
 * End to end, in a real Chromium (issue 10's first "done means"): a ministry comments on the
 * paragraph of section I.2 and a revision is frozen; the secretariat then moves I.2 (with its
 * subsection) below I.3 by dragging it in the outline panel, by Alt+Shift+↓, or by cut and
 * paste. Each time the comment stays active, with its quote on the card and its highlight on
 * the words, and a revision frozen after the move compares with the one before as exactly one
 * moved section with its blocks, nothing else. Needs `npm run build:client` first.
 */

const QUOTE = 'Nội dung I.2';
/** The blocks of section I.2 with its subsection: the only ones the move may report. */
const SECTION_I2 = ['h-I2', 'p-I2', 'h-I21', 'p-I21'];

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

/** Freezes a named revision of the session's document as the secretariat; its id. */
async function freeze(session: Session, name: string): Promise<string> {
  const created = await started().request('secretariat', 'POST', `/api/documents/${session.documentId}/revisions`, { name });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return (created.body as { id: string }).id;
}

/** The ministry's comment on "Nội dung I.2" (through the API, as its page would send it) and a revision frozen before the move. */
async function commentAndFreeze(session: Session): Promise<{ threadId: string; before: string }> {
  const created = await started().request('ministry', 'POST', `/api/documents/${session.documentId}/threads`, {
    body: 'Đề nghị bổ sung số liệu.',
    anchor: anchorFor(session.observer, QUOTE),
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const threadId = (created.body as { id: string }).id;
  // The secretariat's page shows the thread and its highlight before anything moves.
  await assertCommentActive(session.b, threadId);
  return { threadId, before: await freeze(session, 'Trước khi chuyển mục') };
}

/** The thread's card is not orphaned and quotes the words; the editor highlights exactly them. */
async function assertCommentActive(page: Page, threadId: string): Promise<void> {
  const card = page.locator(`.thread-card[data-thread-id="${threadId}"]`);
  const highlight = page.locator(`.ProseMirror .comment-highlight[data-thread-id="${threadId}"]`);
  const state = async (): Promise<string> => {
    const orphaned = await card.evaluate((element) => element.classList.contains('thread-card--orphaned') || element.querySelector('.thread-card__orphaned') !== null).catch(() => null);
    const quote = await card.locator('.thread-card__quote').textContent().catch(() => null);
    const highlighted = await highlight.allTextContents();
    return JSON.stringify({ orphaned, quote, highlighted: highlighted.join('') });
  };
  const expected = JSON.stringify({ orphaned: false, quote: QUOTE, highlighted: QUOTE });
  await waitUntil(async () => (await state()) === expected, 'the comment is active with its quote and highlight').catch(async () => {
    assert.equal(await state(), expected);
  });
}

/** After the move: the comment everywhere, and the comparison of the revisions before and after. */
async function assertCommentFollowed(session: Session, threadId: string, before: string): Promise<void> {
  await assertMoved(session, MOVED, MOVED_OUTLINE);
  await assertCommentActive(session.b, threadId);
  const list = await started().request('secretariat', 'GET', `/api/documents/${session.documentId}/threads`);
  const thread = (list.body as { threads: Array<{ id: string; position: { status: string; text: string; sectionTitle: string | null } }> }).threads.find((t) => t.id === threadId);
  assert.deepEqual(thread?.position && { ...thread.position, order: undefined, blockId: undefined, sectionId: undefined, sectionNumber: undefined }, {
    status: 'active',
    text: QUOTE,
    sectionTitle: 'Mục I.2',
    order: undefined,
    blockId: undefined,
    sectionId: undefined,
    sectionNumber: undefined,
  });

  const afterMove = await freeze(session, 'Sau khi chuyển mục');
  const compared = await started().request('secretariat', 'GET', `/api/documents/${session.documentId}/compare?from=${before}&to=${afterMove}`);
  assert.equal(compared.status, 200, JSON.stringify(compared.body));
  const { comparison } = compared.body as {
    comparison: {
      summary: { sections: { added: number; removed: number; moved: number; modified: number; unchanged: number }; words: { inserted: number; deleted: number } };
      sections: Array<{ id: string; status: string }>;
      blocks: Array<{ id: string; status: string; moved: boolean }>;
    };
  };
  const changed = comparison.blocks.filter((block) => block.status !== 'unchanged').map((block) => `${block.id}:${block.status}`);
  assert.deepEqual(changed, SECTION_I2.map((id) => `${id}:moved`), 'only the blocks of I.2 moved, nothing else changed');
  const movedSections = comparison.sections.filter((section) => section.status !== 'unchanged').map((section) => `${section.id}:${section.status}`);
  // I.2 is the section moved; its subsection I.2.1 travels inside it and is reported with it.
  assert.deepEqual(movedSections, ['h-I2:moved', 'h-I21:moved']);
  assert.deepEqual(comparison.summary.words, { inserted: 0, deleted: 0 });
  assert.equal(comparison.summary.sections.added + comparison.summary.sections.removed + comparison.summary.sections.modified, 0);
}

test('dragging I.2 below I.3 in the outline panel: the comment stays active; the comparison shows one moved section', { timeout: 120_000 }, async () => {
  await started().withSession('Góp ý theo mục kéo thả', async (session) => {
    const { threadId, before } = await commentAndFreeze(session);
    const source = session.b.locator('.outline-panel__link', { hasText: 'Mục I.2' }).first();
    await source.dragTo(session.b.locator('.outline-panel__link', { hasText: 'Quan điểm' }), { targetPosition: { x: 20, y: 3 } });
    await assertCommentFollowed(session, threadId, before);
  });
  assert.deepEqual(started().pageErrors, []);
});

test('Alt+Shift+↓ on heading I.2: the comment stays active; the comparison shows one moved section', { timeout: 120_000 }, async () => {
  await started().withSession('Góp ý theo mục phím tắt', async (session) => {
    const { threadId, before } = await commentAndFreeze(session);
    await session.b.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    await session.b.keyboard.press('Alt+Shift+ArrowDown');
    await assertCommentFollowed(session, threadId, before);
  });
  assert.deepEqual(started().pageErrors, []);
});

test('cutting I.2 and pasting it above "Quan điểm": the comment stays active; the comparison shows one moved section', { timeout: 120_000 }, async () => {
  await started().withSession('Góp ý theo mục cắt dán', async (session) => {
    const { threadId, before } = await commentAndFreeze(session);
    const page = session.b;
    await page.locator('.ProseMirror h2', { hasText: 'Mục I.2' }).click();
    await page.keyboard.press('Home');
    for (let line = 0; line < 3; line++) await page.keyboard.press('Shift+ArrowDown');
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
    await assertCommentFollowed(session, threadId, before);
  });
  assert.deepEqual(started().pageErrors, []);
});
