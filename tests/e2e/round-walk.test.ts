import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, openEditor, signIn, useServerAndBrowser, waitUntil } from './browser.ts';
import { keepScreenshot } from './layout.ts';
import { selectPassage } from './select-passage.ts';

/**
 * End to end, in two real Chromium contexts side by side: a ministry officer opens the draft and
 * sees the round's banner with its deadline, follows it to the response panel, prepares two
 * comments (marked "Bản nháp") and sends the response with its letter; meanwhile the secretariat
 * has the round's dashboard open and sees that organisation's row change live, without a reload.
 * Screenshots of the dashboard before and after, and of the officer's editor with the banner,
 * are kept among the test artifacts.
 */

const MINISTRY = { username: 'canbo.walk', password: 'mat-khau-bo-y-te', displayName: 'Trần Thị Hoa', role: 'ministry', organizationId: 'bo-y-te' };
const PASSAGES = ['lan nhanh qua biên giới', 'thiên tai cực đoan'];
const world = useServerAndBrowser();

test('a ministry officer walks from the round banner to a sent response; the secretariat’s dashboard follows live', { timeout: 120_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, MINISTRY);
  const documentId = await server.createDocument(admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const result = await requestJson(server.baseUrl, method, `/api/documents/${documentId}${path}`, { token: admin, body });
    assert.ok(result.status < 300, `${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body as T;
  };
  const others = (await requestJson(server.baseUrl, 'GET', '/api/organizations', { token: admin })).body as Array<{ id: string }>;
  const consulted = ['bo-y-te', ...others.map((org) => org.id).filter((id) => id !== 'bo-y-te').slice(0, 2)];
  const revision = await api<{ id: string }>('POST', '/revisions', { name: 'Dự thảo lần 1' });
  const round = await api<{ id: string }>('POST', '/rounds', {
    title: 'Lấy ý kiến đề cương lần 1',
    requestLetter: { number: '123/BQP-VP', date: '2026-12-01' },
    revisionId: revision.id,
    deadline: '2099-12-31',
    organizations: consulted,
    ministriesSeeEachOther: false,
  });

  const errors: string[] = [];
  const secretariat = await newPage(browser, 'secretariat', errors);
  const ministry = await newPage(browser, 'ministry', errors);
  try {
    // The secretariat opens the round's dashboard: the organisation has not answered.
    const dashboard = secretariat.page;
    await signIn(dashboard, server.baseUrl, 'admin', server.adminPassword);
    await dashboard.goto(`${server.baseUrl}/documents/${documentId}/rounds/${round.id}`);
    const row = dashboard.locator('.round-organizations tr[data-organization-id="bo-y-te"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'pending');
    await dashboard.evaluate(() => {
      (window as unknown as { walkMarker: string }).walkMarker = 'no reload';
    });
    await keepScreenshot(dashboard, 'round-walk-dashboard-before');

    // The officer sees the banner above the editor, with the round and its deadline.
    const page = ministry.page;
    await signIn(page, server.baseUrl, MINISTRY.username, MINISTRY.password);
    await openEditor(page, server.baseUrl, documentId);
    const banner = page.locator('.round-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-round-id'), round.id);
    assert.equal((await banner.locator('.round-banner__text').textContent())?.trim(), 'Đợt lấy ý kiến: Lấy ý kiến đề cương lần 1 — hạn góp ý 31/12/2099');
    const bannerBox = await banner.boundingBox();
    const editorBox = await page.locator('.editor-layout').boundingBox();
    assert.ok(bannerBox && editorBox && bannerBox.y + bannerBox.height <= editorBox.y, 'the bar is above the editor');
    await keepScreenshot(page, 'round-walk-ministry-banner');
    // Its link opens the response panel and brings it into view.
    await banner.locator('a.round-banner__respond').click();
    const panel = page.locator('#round-response');
    await panel.waitFor({ state: 'visible' });
    assert.equal(await page.locator('details.submission-panel').evaluate((details) => (details as HTMLDetailsElement).open), true);
    await waitUntil(async () => panel.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    }), 'the response panel in view');

    // Two comments on passages: drafts, marked as such; the dashboard row does not say what.
    for (const [index, passage] of PASSAGES.entries()) {
      await page.locator('.ProseMirror p', { hasText: passage }).first().waitFor();
      await selectPassage(page, passage);
      await page.locator('.comments-panel__new').click();
      const form = page.locator('form.new-thread-form');
      await form.locator('textarea[name="body"]').fill(`Ý kiến ${index + 1}: làm rõ “${passage}”`);
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached' });
    }
    await page.waitForFunction(() => document.querySelectorAll('.thread-card .draft-badge').length === 2);
    assert.deepEqual(
      (await page.locator('.thread-card .draft-badge').allTextContents()).map((text) => text.trim()),
      ['Bản nháp', 'Bản nháp'],
    );
    assert.notEqual(await row.getAttribute('data-status'), 'responded');

    // The response: letter number, date (dd/mm/yyyy), signer and the scan.
    const form = panel.locator('form.round-response__form');
    await form.locator('input[name="documentNumber"]').fill('45/BYT-KHTC');
    await form.locator('input[name="date"]').fill('02/12/2026');
    await form.locator('input[name="signer"]').fill('Thứ trưởng Nguyễn Văn A');
    await form.locator('input[name="attachment"]').setInputFiles({ name: 'cong-van-45.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%scan\n') });
    await form.locator('button[type="submit"]').click();
    await panel.locator('.round-response__sent', { hasText: '45/BYT-KHTC' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.thread-card .draft-badge').length === 0);

    // The open dashboard follows, without a reload: the row is answered, with the letter and its two comments.
    await waitUntil(async () => (await row.getAttribute('data-status')) === 'responded', 'the row to turn responded live');
    assert.equal(await dashboard.evaluate(() => (window as unknown as { walkMarker?: string }).walkMarker), 'no reload');
    assert.match((await row.textContent()) ?? '', /45\/BYT-KHTC/);
    assert.equal((await dashboard.locator('.round-table--statuses tr[data-status="responded"] td').textContent())?.trim(), '1');
    assert.equal((await dashboard.locator('.round-table--statuses tr[data-status="pending"] td').textContent())?.trim(), '2');
    await keepScreenshot(dashboard, 'round-walk-dashboard-after');
    const figures = await api<{ organizations: Array<{ organization: { id: string }; status: string; commentCount: number }> }>('GET', `/rounds/${round.id}/dashboard`);
    const answered = figures.organizations.find((candidate) => candidate.organization.id === 'bo-y-te');
    assert.deepEqual([answered?.status, answered?.commentCount], ['responded', 2]);
  } finally {
    await secretariat.context.close();
    await ministry.context.close();
  }
  assert.deepEqual(errors.filter((error) => !error.includes('WebSocket')), []);
});
