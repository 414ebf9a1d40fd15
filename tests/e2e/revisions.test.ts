import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { connectClient, waitSynced, type TestClient } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, newPage as openPage, openEditor, signIn, waitUntil } from './browser.ts';

/**
 * End to end, in a real Chromium, revisions as the secretariat uses them: two named
 * revisions around a live edit (a few words changed in one paragraph, one paragraph
 * added), listed apart from the automatic checkpoints; the compare picker leading to the
 * redline, whose insertions, deletions and summary match the edit; a revision read-only
 * with its section numbers; and a restore from the list that an open editor shows at once.
 */

const SECRETARY = { username: 'thuky.ban', password: 'mat-khau-thu-ky', displayName: 'Lê Thị Thư', role: 'secretariat' };
/** A paragraph of the `nts-2030-2045` template, in section "3. Dự báo tình hình…" of Phần I. */
const EDITED_PARAGRAPH = 'Các kịch bản chính, mức độ tác động đối với kinh tế, xã hội, quốc phòng và an ninh.';
const DELETED_WORDS = 'xã hội';
const INSERTED_WORDS = 'môi trường';
const NEW_PARAGRAPH = 'Đánh giá riêng tác động của trí tuệ nhân tạo đến an ninh.';

interface RevisionBody {
  id: string;
  kind: string;
  name: string;
  reason: string;
}

interface SummaryBody {
  sections: Record<string, number>;
  words: { inserted: number; deleted: number };
}

let server: TestServer | undefined;
let browser: Browser | undefined;
let adminToken = '';
let documentId = '';
let first: RevisionBody | undefined;
let second: RevisionBody | undefined;
const pageErrors: string[] = [];

function running(): { server: TestServer; browser: Browser } {
  if (!server || !browser) throw new Error('not started');
  return { server, browser };
}

function newPage(label: string): ReturnType<typeof openPage> {
  return openPage(running().browser, label, pageErrors);
}

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const result = await requestJson(running().server.baseUrl, method, path, { token: adminToken, body });
  assert.ok(result.status >= 200 && result.status < 300, `${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

async function freeze(name: string, note: string): Promise<RevisionBody> {
  return (await api('POST', `/api/documents/${documentId}/revisions`, { name, note })) as RevisionBody;
}

async function summaryBetween(from: string, to: string): Promise<SummaryBody> {
  const body = (await api('GET', `/api/documents/${documentId}/compare?from=${from}&to=${to}`)) as { comparison: { summary: SummaryBody } };
  return body.comparison.summary;
}

/** The top-level paragraph whose text is `text`, and its text node. */
function findParagraph(client: TestClient, text: string): { index: number; content: Y.XmlText } {
  const nodes = client.fragment.toArray();
  for (const [index, node] of nodes.entries()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue;
    const content = node.get(0);
    if (content instanceof Y.XmlText && content.toString() === text) return { index, content };
  }
  throw new Error(`no paragraph "${text}"`);
}

/** Changes a few words of one paragraph and adds a paragraph after it, as one live client. */
function editLive(client: TestClient): void {
  const { index, content } = findParagraph(client, EDITED_PARAGRAPH);
  client.doc.transact(() => {
    const at = EDITED_PARAGRAPH.indexOf(DELETED_WORDS);
    content.delete(at, DELETED_WORDS.length);
    content.insert(at, INSERTED_WORDS);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('id', 'e2e-new-paragraph');
    paragraph.insert(0, [new Y.XmlText(NEW_PARAGRAPH)]);
    client.fragment.insert(index + 1, [paragraph]);
  });
}

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  adminToken = await server.login('admin', server.adminPassword);
  await server.createUser(adminToken, SECRETARY);
  documentId = await server.createDocument(adminToken, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  first = await freeze('Dự thảo lần 1', 'Bản gửi xin ý kiến các bộ, ngành');
  // A comment filed against the first draft, to be listed with it.
  const firstContent = (await api('GET', `/api/documents/${documentId}/revisions/${first.id}`)) as { content: { content: Array<{ type: string; attrs?: { id?: string } }> } };
  await api('POST', `/api/documents/${documentId}/threads`, {
    body: 'Góp ý gửi trên Dự thảo lần 1',
    sectionBlockId: firstContent.content.content.find((node) => node.type === 'heading')?.attrs?.id,
    revisionId: first.id,
    organizationId: 'bo-y-te',
    meeting: { name: 'Phiên họp lấy ý kiến', date: '2026-11-20' },
  });

  const client = connectClient(server.wsUrl, documentId, adminToken);
  await waitSynced(client);
  editLive(client);
  // The edit has reached the server once the comparison with the first draft sees it.
  await waitUntil(async () => (await summaryBetween(first?.id ?? '', 'current')).words.inserted > 0, 'the live edit to reach the server');
  client.destroy();
  await waitUntil(async () => {
    const revisions = (await api('GET', `/api/documents/${documentId}/revisions`)) as RevisionBody[];
    return revisions.some((revision) => revision.kind === 'checkpoint');
  }, 'the checkpoint taken when the last editor leaves');
  second = await freeze('Dự thảo lần 2', '');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The text of `locator`, trimmed. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** The number shown for one summary figure. */
async function figure(page: Page, name: string): Promise<number> {
  return Number(await textOf(page.locator(`[data-summary="${name}"] .summary-figure__value`)));
}

/** The editor's text, collaborators' carets left out. */
function editorText(page: Page): Promise<string> {
  return page.locator('.ProseMirror').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.ProseMirror-yjs-cursor')) caret.remove();
    return copy.textContent ?? '';
  });
}

test('the secretariat lists the revisions, compares the two drafts and sees the redline and the summary', { timeout: 120_000 }, async () => {
  const { server } = running();
  assert.ok(first && second);
  const { page } = await newPage('secretariat');
  await signIn(page, server.baseUrl, SECRETARY.username, SECRETARY.password);

  // From the documents list to the revisions page.
  await page.locator(`tr[data-document-id="${documentId}"] a[data-action="revisions"]`).click();
  await page.waitForURL(`${server.baseUrl}/documents/${documentId}/revisions`);
  const named = page.locator('[data-section="named"]');
  await named.locator('tr[data-revision-id]').nth(1).waitFor();
  assert.deepEqual(await named.locator('.revision-name').allTextContents(), ['Dự thảo lần 2', 'Dự thảo lần 1']);
  assert.equal(await textOf(named.locator('h2')), 'Phiên bản đã lưu');
  const firstRow = named.locator(`tr[data-revision-id="${first.id}"]`);
  assert.equal(await textOf(firstRow.locator('.revision-note')), 'Bản gửi xin ý kiến các bộ, ngành');
  assert.match(await firstRow.textContent() ?? '', /Quản trị viên/);
  assert.match(await textOf(firstRow.locator('td.numeric')), /^\d+(,\d)? KB$/);
  // The threads filed against a revision are listed with it.
  await firstRow.locator('.revision-threads-box summary').click();
  await firstRow.locator('.revision-threads li[data-thread-id]').waitFor();
  assert.equal(await textOf(firstRow.locator('.revision-threads-box summary')), '1 góp ý trên phiên bản này');
  assert.match(await textOf(firstRow.locator('.revision-threads li[data-thread-id]')), /Bộ Y tế — Mới: Góp ý gửi trên Dự thảo lần 1/);
  assert.match(await textOf(firstRow.locator('td.nowrap').first()), /^\d\d:\d\d, \d\d\/\d\d\/\d{4}$/, 'the one date and time format');
  const checkpoints = page.locator('[data-section="checkpoints"]');
  assert.equal(await textOf(checkpoints.locator('h2')), 'Điểm lưu tự động');
  assert.equal(await textOf(checkpoints.locator('.revision-reason').first()), 'Khi người soạn thảo cuối cùng rời đi');
  assert.equal(await named.locator('[data-action="restore"]').count(), 2, 'the secretariat may restore');
  await page.locator('form.freeze-form input[name="name"]').waitFor();

  // The picker: the first draft against the second.
  const picker = page.locator('form.compare-picker');
  await picker.locator('select[name="from"]').selectOption({ label: 'Dự thảo lần 1' });
  await picker.locator('select[name="to"]').selectOption({ label: 'Dự thảo lần 2' });
  await picker.locator('button[type="submit"]').click();
  await page.waitForURL(`${server.baseUrl}/documents/${documentId}/compare?from=${first.id}&to=${second.id}`);

  const redline = page.locator('[data-view="inline"]');
  await redline.locator('ins.diff-insert').first().waitFor();
  assert.equal(await textOf(page.locator('.compare-versions__from')), 'Dự thảo lần 1');
  assert.equal(await textOf(page.locator('.compare-versions__to')), 'Dự thảo lần 2');
  const inserted = await redline.locator('ins.diff-insert').allTextContents();
  const deleted = await redline.locator('del.diff-delete').allTextContents();
  assert.ok(inserted.some((text) => text.includes(INSERTED_WORDS)), `inserted: ${JSON.stringify(inserted)}`);
  assert.ok(inserted.some((text) => text.includes(NEW_PARAGRAPH)), 'the new paragraph is one insertion');
  assert.ok(deleted.some((text) => text.includes(DELETED_WORDS)), `deleted: ${JSON.stringify(deleted)}`);
  assert.equal(await redline.locator('ins.diff-insert', { hasText: INSERTED_WORDS }).getAttribute('title'), 'Người thêm: Quản trị viên');
  const added = redline.locator('[data-block-status="added"]');
  assert.equal(await added.count(), 1);
  assert.match(await textOf(added), new RegExp(`^${NEW_PARAGRAPH}`));
  assert.equal(await textOf(added.locator('.diff-tag')), 'Thêm mới');
  assert.equal(await redline.locator('[data-block-status="modified"]').count(), 1);
  assert.equal(await redline.locator('[data-block-status="removed"]').count(), 0);
  assert.ok((await redline.locator('[data-block-status="unchanged"]').count()) > 10, 'the whole document is shown');
  assert.equal(await textOf(redline.locator('[data-block-status="unchanged"] .diff-number').first()), 'Phần I');

  // The summary says what happened: one section touched, the counted words.
  const expected = await summaryBetween(first.id, second.id);
  assert.equal(expected.words.deleted, 2, 'two Vietnamese words deleted');
  assert.equal(await figure(page, 'sections-modified'), 1);
  assert.equal(await figure(page, 'sections-added'), 0);
  assert.equal(await figure(page, 'sections-removed'), 0);
  assert.equal(await figure(page, 'sections-moved'), 0);
  assert.equal(await figure(page, 'words-inserted'), expected.words.inserted);
  assert.ok(expected.words.inserted >= 2 + 12, 'the changed words and the new paragraph');
  assert.equal(await figure(page, 'words-deleted'), 2);
  assert.equal(await figure(page, 'whitespace-only'), 0);
  assert.equal(await figure(page, 'formatting-only'), 0);
  const modifiedSection = page.locator('.compare-sections tr[data-section-status="modified"]');
  assert.equal(await modifiedSection.count(), 1);
  assert.match(await textOf(modifiedSection), /^3\. Dự báo tình hình đến năm 2030, tầm nhìn đến năm 2045\s*Sửa đổi\s*\+\d+\s*−2$/);

  // Only the changes, then side by side.
  await page.getByLabel('Chỉ hiện phần thay đổi').check();
  await waitUntil(async () => (await redline.locator('[data-block-status="unchanged"]:not([data-context])').count()) === 0, 'unchanged blocks hidden');
  assert.equal(await redline.locator('[data-block-status]').count(), 3, 'the section heading, the edited and the new paragraph');
  await page.locator('[data-tab="side-by-side"]').click();
  const side = page.locator('[data-view="side-by-side"]');
  await side.locator('table.diff-side-by-side').waitFor();
  const addedRow = side.locator('tr[data-block-status="added"]');
  assert.equal(await addedRow.locator('td[data-side="from"].diff-side--empty').count(), 1);
  assert.match(await textOf(addedRow.locator('td[data-side="to"]')), new RegExp(NEW_PARAGRAPH));
  const editedRow = side.locator('tr[data-block-status="modified"]');
  assert.equal(await textOf(editedRow.locator('td[data-side="from"] del.diff-delete')), DELETED_WORDS);
  assert.equal(await editedRow.locator('td[data-side="from"] ins').count(), 0);
  assert.equal(await textOf(editedRow.locator('td[data-side="to"] ins.diff-insert')), INSERTED_WORDS);
  assert.equal(await editedRow.locator('td[data-side="to"] del').count(), 0);

  // Both downloads answer with the session cookie.
  const docx = await page.request.get(new URL((await page.locator('a[data-action="docx"]').getAttribute('href')) ?? '', server.baseUrl).href);
  assert.equal(docx.status(), 200);
  assert.match(docx.headers()['content-type'] ?? '', /wordprocessingml/);
  const printable = await page.request.get(new URL((await page.locator('a[data-action="print"]').getAttribute('href')) ?? '', server.baseUrl).href);
  assert.equal(printable.status(), 200);
  assert.match(await printable.text(), new RegExp(NEW_PARAGRAPH));
  assert.deepEqual(pageErrors, []);
  await page.context().close();
});

test('a revision opens read-only, numbered as it was then', { timeout: 60_000 }, async () => {
  const { server } = running();
  assert.ok(first);
  const { page, context } = await newPage('reader');
  await signIn(page, server.baseUrl, SECRETARY.username, SECRETARY.password);
  await page.goto(`${server.baseUrl}/documents/${documentId}/revisions`);
  await page.locator(`tr[data-revision-id="${first.id}"] a[data-action="view"]`).click();
  await page.waitForURL(`${server.baseUrl}/documents/${documentId}/revisions/${first.id}`);

  const content = page.locator('.ProseMirror');
  await content.locator('h1[data-section-number="Phần I"]').waitFor();
  assert.equal(await content.getAttribute('aria-readonly'), 'true', 'announced read-only');
  assert.equal(await textOf(content.locator('h1[data-section-number="Phần I"]')), 'BỐI CẢNH, THỰC TRẠNG VÀ DỰ BÁO');
  assert.equal(await content.locator('h1[data-section-number="Phần IV"]').count(), 1);
  assert.equal(await textOf(content.locator('h2[data-section-number="3."]').first()), 'Dự báo tình hình đến năm 2030, tầm nhìn đến năm 2045');
  assert.ok((await content.textContent())?.includes(EDITED_PARAGRAPH), 'the text as it was then');
  assert.ok(!(await content.textContent())?.includes(NEW_PARAGRAPH));
  assert.equal(await textOf(page.locator('.outline-panel__link').first().locator('.outline-panel__number')), 'Phần I');
  assert.equal(await textOf(page.locator('.revision-page__name')), 'Dự thảo lần 1');
  assert.equal(await page.locator('.toolbar').count(), 0);

  const before = await content.textContent();
  await content.click();
  await page.keyboard.type('không được sửa');
  assert.ok(!(await content.textContent())?.includes('không được sửa'), 'typing changes nothing');

  // A caret and Shift+arrows select a passage, as in the live draft; Delete or Enter on it change nothing.
  await page.keyboard.press('Control+Home');
  for (let step = 0; step < 8; step++) await page.keyboard.press('Shift+ArrowRight');
  const firstBlock = (await content.locator(':scope > *').first().textContent()) ?? '';
  assert.equal(await page.evaluate(() => getSelection()?.toString()), firstBlock.slice(0, 8), 'the keyboard selects the first eight characters');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  assert.equal(await content.textContent(), before, 'the stored version is unchanged');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a restore from the list reaches an open editor at once', { timeout: 90_000 }, async () => {
  const { server } = running();
  assert.ok(first);
  const live = await newPage('live editor');
  await signIn(live.page, server.baseUrl, 'admin', server.adminPassword);
  await openEditor(live.page, server.baseUrl, documentId);
  await waitUntil(async () => (await editorText(live.page)).includes(NEW_PARAGRAPH), 'the live editor shows the current draft');

  const secretary = await newPage('secretariat');
  await signIn(secretary.page, server.baseUrl, SECRETARY.username, SECRETARY.password);
  await secretary.page.goto(`${server.baseUrl}/documents/${documentId}/revisions`);
  const row = secretary.page.locator(`[data-section="named"] tr[data-revision-id="${first.id}"]`);
  await row.locator('[data-action="restore"]').click();
  const confirm = row.locator('.restore-confirm');
  assert.match(await textOf(confirm.locator('.restore-confirm__question')), /^Khôi phục “Dự thảo lần 1”\?/);
  // Cancelling first changes nothing.
  await confirm.locator('[data-action="restore-cancel"]').click();
  await row.locator('[data-action="restore"]').waitFor();
  assert.ok((await editorText(live.page)).includes(NEW_PARAGRAPH));

  await row.locator('[data-action="restore"]').click();
  await row.locator('[data-action="restore-confirm"]').click();
  await secretary.page.locator('.form-success', { hasText: 'Đã khôi phục “Dự thảo lần 1”' }).waitFor();
  await waitUntil(async () => {
    const text = await editorText(live.page);
    return !text.includes(NEW_PARAGRAPH) && text.includes(EDITED_PARAGRAPH);
  }, 'the live editor shows the restored content');

  // The list now holds both restore checkpoints, reasons translated.
  const reasons = secretary.page.locator('[data-section="checkpoints"] .revision-reason');
  await reasons.filter({ hasText: 'Sau khi khôi phục' }).waitFor();
  assert.equal(await reasons.filter({ hasText: 'Trước khi khôi phục' }).count(), 1);
  assert.deepEqual(pageErrors, []);
  await live.context.close();
  await secretary.context.close();
});
