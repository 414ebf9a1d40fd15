import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { anchorFor } from '../comments/helpers.ts';
import { waitUntil } from './browser.ts';
import { assertMoved, MOVED, MOVED_OUTLINE, startOutlineWorld, type OutlineWorld, type Session } from './outline-session.ts';

/**
 * Issue 10's first "done means", shared by the three browser tests that move section I.2 with
 * a ministry comment on its paragraph (one file per way of moving, so each stays well inside
 * the per-file time limit on a loaded machine): the comment is made and a revision frozen
 * before the move; after it the comment is still active, with its quote on the secretariat's
 * card and its highlight on the words, and a revision frozen then compares with the first as
 * exactly one moved section with its blocks, nothing else. Needs `npm run build:client` first.
 */

export const QUOTE = 'Nội dung I.2';
/** The blocks of section I.2 with its subsection: the only ones the move may report. */
const SECTION_I2 = ['h-I2', 'p-I2', 'h-I21', 'p-I21'];

/** Freezes a named revision of the session's document as the secretariat; its id. */
async function freeze(world: OutlineWorld, session: Session, name: string): Promise<string> {
  const created = await world.request('secretariat', 'POST', `/api/documents/${session.documentId}/revisions`, { name });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return (created.body as { id: string }).id;
}

/** The ministry's comment on "Nội dung I.2" (through the API, as its page would send it) and a revision frozen before the move. */
export async function commentAndFreeze(world: OutlineWorld, session: Session): Promise<{ threadId: string; before: string }> {
  const created = await world.request('ministry', 'POST', `/api/documents/${session.documentId}/threads`, {
    body: 'Đề nghị bổ sung số liệu.',
    anchor: anchorFor(session.observer, QUOTE),
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const threadId = (created.body as { id: string }).id;
  // The secretariat's page shows the thread and its highlight before anything moves.
  await assertCommentActive(session.b, threadId);
  return { threadId, before: await freeze(world, session, 'Trước khi chuyển mục') };
}

/** The thread's card is not orphaned and quotes the words; the editor highlights exactly them. */
export async function assertCommentActive(page: Page, threadId: string): Promise<void> {
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
export async function assertCommentFollowed(world: OutlineWorld, session: Session, threadId: string, before: string): Promise<void> {
  await assertMoved(session, MOVED, MOVED_OUTLINE);
  await assertCommentActive(session.b, threadId);
  const list = await world.request('secretariat', 'GET', `/api/documents/${session.documentId}/threads`);
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

  const afterMove = await freeze(world, session, 'Sau khi chuyển mục');
  const compared = await world.request('secretariat', 'GET', `/api/documents/${session.documentId}/compare?from=${before}&to=${afterMove}`);
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

/**
 * Registers, in the calling test file, its world (server, Chromium, three people signed in)
 * and one test that comments, runs `move` on the secretariat's page (B) on a document titled
 * `title`, and checks that everything followed.
 */
export function moveWithCommentTest(name: string, title: string, move: (page: Page) => Promise<void>): void {
  let world: OutlineWorld | undefined;
  before(async () => {
    world = await startOutlineWorld();
  });
  after(async () => {
    await world?.close();
  });
  test(name, { timeout: 150_000 }, async () => {
    if (!world) throw new Error('not started');
    const started = world;
    await started.withSession(title, async (session) => {
      const { threadId, before } = await commentAndFreeze(started, session);
      await move(session.b);
      await assertCommentFollowed(started, session, threadId, before);
    });
    assert.deepEqual(started.pageErrors, []);
  });
}
