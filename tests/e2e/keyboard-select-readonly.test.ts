import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { outlineSchema } from '../../document-model/schema.ts';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { editAsBinding, pmDocOf, replaceContent } from '../helpers/pm-binding.ts';
import { requestJson } from '../helpers/server.ts';
import { newPage, useServerAndBrowser, waitUntil } from './browser.ts';
import { openByKeyboard, signInByKeyboard, tabTo } from './keyboard.ts';

/**
 * A ministry officer (read-only role) comments with the keyboard only: Tab into the draft,
 * arrows to place the caret, Shift+arrows to select, Ctrl+Alt+M (then once more with the
 * "Góp ý" button reached with Tab), type, Tab to "Gửi", Enter; each stored thread quotes
 * exactly the selected passage. Then every way of typing into the
 * read-only text (letters, Backspace, Delete, Enter, cut, paste, undo, bold, inserted text,
 * an IME composition as Telex makes it, dragging the selection) leaves it unchanged: in the
 * page at every moment (checked on each `input` event and DOM mutation), and on the server.
 * A stored version (revision page) can be selected from the keyboard the same way.
 */

const world = useServerAndBrowser();
const OFFICER = { username: 'canbo.bantay', password: 'mat-khau-ban-tay', displayName: 'Lê Thị Phím', role: 'ministry', organizationId: 'bo-y-te' };
const HEADING = 'Bối cảnh';
const PARAGRAPH = 'Tăng cường năng lực y tế cơ sở trên toàn quốc.';
/** What five → then fourteen Shift+→ from the paragraph's start select. */
const PASSAGE = 'cường năng lực';
const COMMENT = 'Đề nghị làm rõ năng lực nào.';
/** What Ctrl+End then five Shift+← select. */
const SECOND_PASSAGE = 'quốc.';
const SECOND_COMMENT = 'Đề nghị ghi rõ phạm vi.';

/** The editor's text, collaborators' carets left out. */
function editorText(page: Page): Promise<string> {
  return page.locator('.ProseMirror').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.ProseMirror-yjs-cursor')) caret.remove();
    return copy.textContent ?? '';
  });
}

/**
 * From now on records, in `window.textSeen`, every text of the editor other than the
 * `allowed` ones, read on each `input` / composition / keyup event (before ProseMirror can
 * redraw) and each DOM mutation.
 */
async function watchText(page: Page, allowed: readonly string[]): Promise<void> {
  // A string: the test runner's transpiler would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const texts = ${JSON.stringify(allowed)};
    const editor = document.querySelector('.ProseMirror');
    if (!editor) throw new Error('no editor');
    const seen = [];
    window.textSeen = seen;
    const record = () => {
      const copy = editor.cloneNode(true);
      for (const caret of copy.querySelectorAll('.ProseMirror-yjs-cursor')) caret.remove();
      const text = copy.textContent ?? '';
      if (!texts.includes(text)) seen.push(text);
    };
    for (const type of ['input', 'compositionstart', 'compositionupdate', 'compositionend', 'keyup']) document.addEventListener(type, record, true);
    const events = {};
    window.editEvents = events;
    for (const type of ['beforeinput', 'paste', 'cut', 'drop', 'compositionstart']) {
      document.addEventListener(type, () => { events[type] = (events[type] ?? 0) + 1; }, true);
    }
    new MutationObserver(record).observe(editor, { subtree: true, childList: true, characterData: true });
  })()`);
}

/** How many of each attempt event `watchText` saw (the attempts really reached the page). */
function editEvents(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as { editEvents: Record<string, number> }).editEvents);
}

/** The texts recorded by `watchText`. */
function textSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { textSeen: string[] }).textSeen);
}

/** Places the keyboard caret at the paragraph's start and selects its first `length` characters. */
async function selectFromParagraphStart(page: Page, length: number): Promise<void> {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let step = 0; step < length; step++) await page.keyboard.press('Shift+ArrowRight');
}

/** Composes `steps` with the input method (as Telex does: a → â → ấ), then commits the last one. */
async function compose(page: Page, steps: readonly string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: steps.at(-1) ?? '' });
  await cdp.detach();
}

async function writeContent(client: TestClient): Promise<void> {
  editAsBinding(client.doc, replaceContent([
    outlineSchema.node('heading', { level: 1 }, outlineSchema.text(HEADING)),
    outlineSchema.node('paragraph', null, outlineSchema.text(PARAGRAPH)),
  ]));
}

test('keyboard only, a ministry officer selects a passage of the read-only draft and comments on it; nothing typed changes the text', { timeout: 150_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, OFFICER);
  const documentId = await server.createDocument(admin, 'Chiến lược y tế cơ sở');
  assert.equal((await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ['bo-y-te'] } })).status, 200);
  const secretary = connectClient(server.wsUrl, documentId, admin);
  const errors: string[] = [];
  try {
    await waitSynced(secretary);
    await writeContent(secretary);
    const expected = HEADING + PARAGRAPH;
    await waitUntil(() => pmDocOf(secretary.doc).textContent === expected, 'the content is written');

    const { page, context } = await newPage(browser, 'bộ', errors);
    await signInByKeyboard(page, server.baseUrl, OFFICER.username, OFFICER.password);
    await openByKeyboard(page, server.baseUrl, documentId);
    const editor = page.locator('.ProseMirror');
    await editor.locator('p', { hasText: PARAGRAPH }).waitFor();
    assert.equal(await editor.getAttribute('aria-readonly'), 'true', 'announced as read-only');
    assert.equal(await editor.getAttribute('role'), 'textbox');
    assert.equal(await editor.getAttribute('inputmode'), 'none', 'no on-screen keyboard');
    assert.equal(await page.locator('.toolbar').count(), 0, 'no toolbar');

    // Tab into the text, place the caret with arrows, select with Shift+arrows, comment.
    await tabTo(page, '.ProseMirror');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowRight');
    for (let step = 0; step < PASSAGE.length; step++) await page.keyboard.press('Shift+ArrowRight');
    assert.equal(await page.evaluate(() => getSelection()?.toString()), PASSAGE, 'the keyboard selection');
    assert.equal(await page.locator('.block-handle__root:not([hidden])').count(), 0, 'no block handle for a read-only role');
    await page.keyboard.press('Control+Alt+KeyM');
    const form = page.locator('.new-thread-form');
    await form.waitFor();
    assert.equal((await form.locator('.new-thread-form__quote').textContent())?.trim(), PASSAGE, 'the form quotes the selection');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'body', 'the comment box has the focus');
    await page.keyboard.type(COMMENT);
    await tabTo(page, '.new-thread-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('.thread-card', { hasText: COMMENT }).waitFor();
    await waitUntil(async () => {
      const listed = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: admin })).body as {
        threads: Array<{ anchor: { quote: string } | null; position: { status: string; text: string }; comments: Array<{ body: string }> }>;
      };
      const thread = listed.threads[0];
      return listed.threads.length === 1 && thread?.anchor?.quote === PASSAGE && thread.position.status === 'active' && thread.position.text === PASSAGE && thread.comments[0]?.body === COMMENT;
    }, 'the stored thread anchored to exactly the selected passage');

    // The same with the "Góp ý" button reached with Tab, for the paragraph's last word.
    await tabTo(page, '.ProseMirror');
    await page.keyboard.press('Control+End');
    for (let step = 0; step < SECOND_PASSAGE.length; step++) await page.keyboard.press('Shift+ArrowLeft');
    assert.equal(await page.evaluate(() => getSelection()?.toString()), SECOND_PASSAGE);
    await tabTo(page, '.comments-panel__new');
    await page.keyboard.press('Enter');
    await form.waitFor();
    assert.equal((await form.locator('.new-thread-form__quote').textContent())?.trim(), SECOND_PASSAGE, 'the button quotes the keyboard selection');
    await page.keyboard.type(SECOND_COMMENT);
    await tabTo(page, '.new-thread-form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('.thread-card', { hasText: SECOND_COMMENT }).waitFor();
    await waitUntil(async () => {
      const listed = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: admin })).body as {
        threads: Array<{ anchor: { quote: string } | null; position: { text: string }; comments: Array<{ body: string }> }>;
      };
      const thread = listed.threads.find((candidate) => candidate.comments[0]?.body === SECOND_COMMENT);
      return listed.threads.length === 2 && thread?.anchor?.quote === SECOND_PASSAGE && thread.position.text === SECOND_PASSAGE;
    }, 'the second thread anchored to the last word');

    // Back in the text, every way of writing is refused, without a flicker.
    await tabTo(page, '.ProseMirror');
    const marked = `${expected} Hết.`;
    await watchText(page, [expected, marked]);
    await selectFromParagraphStart(page, 4);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('viết đè');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+X');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Control+Shift+V');
    await page.keyboard.press('Control+Z');
    await selectFromParagraphStart(page, 4);
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+Backspace');
    await page.keyboard.insertText('chèn');
    await compose(page, ['a', 'â', 'ấ']);
    // The caret comes back to the text after a composition (the focus returns on the next task).
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror') === true && getSelection()?.anchorNode !== null);
    await selectFromParagraphStart(page, 4);
    await compose(page, ['d', 'đ']);
    // Dragging the selected first word to the end of the paragraph, with the mouse; a drag the
    // browser took for a new selection (no drop) is tried again, a bounded number of times.
    const paragraphBox = await editor.locator('p').boundingBox();
    assert.ok(paragraphBox);
    for (let attempt = 0; attempt < 5 && !((await editEvents(page)).drop ?? 0); attempt++) {
      await selectFromParagraphStart(page, 4);
      await page.waitForFunction(() => getSelection()?.toString() === 'Tăng');
      const word = await page.evaluate(() => {
        const rect = getSelection()?.getRangeAt(0).getBoundingClientRect();
        return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null;
      });
      assert.ok(word);
      await page.mouse.move(word.x, word.y);
      await page.mouse.down();
      await page.mouse.move(paragraphBox.x + paragraphBox.width - 2, paragraphBox.y + paragraphBox.height / 2, { steps: 5 });
      await page.mouse.up();
    }

    // A mark typed by the secretariat afterwards reaches the page: the page has taken in all that came before.
    editAsBinding(secretary.doc, (state) => state.apply(state.tr.insertText(' Hết.', state.doc.content.size - 1)));
    await editor.locator('p', { hasText: `${PARAGRAPH} Hết.` }).waitFor();
    assert.deepEqual(await textSeen(page), [], 'the text never changed in the page, not even for a moment');
    const seen = await editEvents(page);
    for (const type of ['beforeinput', 'paste', 'cut', 'drop', 'compositionstart']) assert.ok((seen[type] ?? 0) > 0, `the page received ${type}: ${JSON.stringify(seen)}`);
    assert.equal(await editorText(page), marked);
    assert.equal(await editor.locator('strong').count(), 0, 'no bold');
    const reader = connectClient(server.wsUrl, documentId, admin);
    try {
      await waitSynced(reader);
      assert.equal(pmDocOf(reader.doc).textContent, marked, 'the server text is unchanged');
    } finally {
      reader.destroy();
    }
    await context.close();
  } finally {
    secretary.destroy();
  }
  assert.deepEqual(errors, []);
});
