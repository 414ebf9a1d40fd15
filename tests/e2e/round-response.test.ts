import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, openEditor, signIn, useServerAndBrowser } from './browser.ts';
import { selectPassage } from './select-passage.ts';

/**
 * End to end, in a real Chromium: a ministry officer in an open round prepares two comments,
 * marked "Bản nháp" and invisible to the secretariat; sends the official response with its
 * letter and scan; sees it locked (the comments no longer drafts, nothing to withdraw); then
 * sends a correcting letter, which supersedes the first.
 */

const MINISTRY = { username: 'canbo.dot', password: 'mat-khau-bo-y-te', displayName: 'Phạm Văn Y', role: 'ministry', organizationId: 'bo-y-te' };
const PASSAGES = ['lan nhanh qua biên giới', 'thiên tai cực đoan'];

const world = useServerAndBrowser();

test('a ministry prepares drafts, sends its response with the letter, sees it locked, and corrects it', { timeout: 120_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, MINISTRY);
  const documentId = await server.createDocument(admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const api = (method: string, path: string, body?: unknown) => requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: admin, body });
  const revision = await api('POST', '/revisions', { name: 'Dự thảo lần 1' });
  assert.equal(revision.status, 201);
  const round = await api('POST', '/rounds', {
    title: 'Lấy ý kiến đề cương lần 1',
    requestLetter: { number: '123/BQP-VP', date: '2026-12-01' },
    revisionId: (revision.body as { id: string }).id,
    deadline: '2099-12-31',
    organizations: ['bo-y-te'],
    ministriesSeeEachOther: false,
  });
  assert.equal(round.status, 201, JSON.stringify(round.body));

  const errors: string[] = [];
  const { context, page } = await newPage(browser, 'ministry', errors);
  await signIn(page, server.baseUrl, MINISTRY.username, MINISTRY.password);
  await openEditor(page, server.baseUrl, documentId);
  const panel = page.locator('.round-response');
  await panel.locator('.round-response__round', { hasText: 'Lấy ý kiến đề cương lần 1' }).waitFor();
  assert.ok((await panel.locator('.round-response__round').textContent())?.includes('31/12/2099'), 'the deadline, the Vietnamese way');
  assert.equal(
    await panel.locator('.round-response__revision').getAttribute('href'),
    `/documents/${documentId}/revisions/${(revision.body as { id: string }).id}`,
    'a link to read exactly the version sent',
  );

  // Two comments on passages: drafts, marked as such.
  for (const [index, passage] of PASSAGES.entries()) {
    await page.locator('.ProseMirror p', { hasText: passage }).first().waitFor();
    await selectPassage(page, passage);
    await page.locator('.comments-panel__new').click();
    const form = page.locator('form.new-thread-form');
    await form.locator('textarea[name="body"]').fill(`Ý kiến ${index + 1}: làm rõ “${passage}”`);
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
  }
  const cards = page.locator('.thread-card');
  await page.waitForFunction(() => document.querySelectorAll('.thread-card .draft-badge').length === 2);
  assert.equal((await cards.first().locator('.draft-badge').textContent())?.trim(), 'Bản nháp');
  const hidden = await api('GET', '/threads');
  assert.deepEqual((hidden.body as { threads: unknown[] }).threads, [], 'the secretariat sees no draft');

  // The response: letter number, date (dd/mm/yyyy), signer and the scan.
  const form = panel.locator('form.round-response__form');
  await form.locator('input[name="documentNumber"]').fill('45/BYT-KHTC');
  await form.locator('input[name="date"]').fill('02/12/2026');
  await form.locator('input[name="signer"]').fill('Thứ trưởng Nguyễn Văn A');
  await form.locator('input[name="attachment"]').setInputFiles({ name: 'cong-van-45.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%scan\n') });
  await form.locator('button[type="submit"]').click();
  await panel.locator('.round-response__sent', { hasText: '45/BYT-KHTC' }).waitFor();
  assert.equal((await panel.locator('.round-response__sent').textContent())?.trim(), 'Đã gửi văn bản số 45/BYT-KHTC, ngày 02/12/2026, người ký: Thứ trưởng Nguyễn Văn A');
  assert.equal((await panel.locator('.round-response__content').textContent())?.trim(), '2 ý kiến kèm theo');
  await panel.locator('.round-response__locked').waitFor();
  assert.equal(await form.isHidden(), true, 'the form gives way to the letter sent');
  // The comments arrive live as sent: no longer drafts, and locked (nothing to withdraw).
  await page.waitForFunction(() => document.querySelectorAll('.thread-card .draft-badge').length === 0);
  assert.equal(await page.locator('.thread-card__withdraw').count(), 0);
  const sent = await api('GET', '/threads');
  assert.deepEqual(
    (sent.body as { threads: Array<{ draft: boolean; submissionId: string | null }> }).threads.map((thread) => [thread.draft, thread.submissionId !== null]),
    [
      [false, true],
      [false, true],
    ],
  );

  // A correction: a new, dated letter that supersedes the first.
  await panel.locator('.round-response__correct').click();
  await form.waitFor({ state: 'visible' });
  await form.locator('input[name="documentNumber"]').fill('46/BYT-KHTC');
  await form.locator('input[name="date"]').fill('03/12/2026');
  await form.locator('input[name="signer"]').fill('Thứ trưởng Nguyễn Văn A');
  await form.locator('button[type="submit"]').click();
  await panel.locator('.round-response__sent', { hasText: '46/BYT-KHTC' }).waitFor();
  assert.equal((await panel.locator('.round-response__content').textContent())?.trim(), '2 ý kiến kèm theo', 'the comments sent stay with the correction');
  assert.equal((await panel.locator('.round-response__superseded').textContent())?.trim(), 'Đã được thay thế: văn bản số 45/BYT-KHTC, ngày 02/12/2026');
  const letters = (await api('GET', '/submissions')).body as Array<{ id: string; documentNumber: string; supersedes: string | null; supersededBy: string | null }>;
  const [latest, first] = letters;
  assert.deepEqual(
    [latest?.documentNumber, latest?.supersedes, first?.documentNumber, first?.supersededBy],
    ['46/BYT-KHTC', first?.id, '45/BYT-KHTC', latest?.id],
  );
  await context.close();
  assert.deepEqual(errors.filter((error) => !error.includes('WebSocket')), []);
});
