import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, signIn, useServerAndBrowser, waitUntil } from './browser.ts';

/**
 * In a real Chromium: a ministry officer sits on the documents page; the secretariat opens a
 * round consulting the officer's organisation through the API; the bell's count goes up live
 * (no reload), with its accessible name and a polite announcement; the panel lists the
 * notification; a click marks it read and opens the document; a reply on the ministry's comment
 * then opens the document with that thread active.
 */

const OFFICER = { username: 'canbo.thongbao', password: 'mat-khau-thong-bao', displayName: 'Lê Thị Thông', role: 'ministry', organizationId: 'bo-y-te' };

const world = useServerAndBrowser();

test('the bell counts a new round live, the panel shows it and a click opens the document', async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, OFFICER);
  const documentId = await server.createDocument(admin, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const revision = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 1' } });
  assert.equal(revision.status, 201, JSON.stringify(revision.body));
  const revisionId = (revision.body as { id: string }).id;

  const errors: string[] = [];
  const { context, page } = await newPage(browser, 'officer', errors);
  try {
    await signIn(page, server.baseUrl, OFFICER.username, OFFICER.password);
    const bell = page.locator('.notification-bell__button');
    await bell.waitFor();
    await waitUntil(async () => (await bell.getAttribute('data-unread')) === '0', 'the stream to give the first count');
    assert.equal(await bell.getAttribute('aria-label'), 'Thông báo');

    const opened = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/rounds`, {
      token: admin,
      body: {
        title: 'Lấy ý kiến đề cương lần 1',
        requestLetter: { number: '123/BQP-VP', date: '2026-03-01' },
        revisionId,
        deadline: '2099-03-10',
        organizations: ['bo-y-te'],
        ministriesSeeEachOther: false,
      },
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const roundId = (opened.body as { id: string }).id;

    await waitUntil(async () => (await bell.getAttribute('data-unread')) === '1', 'the count to go up live');
    assert.equal(await bell.getAttribute('aria-label'), 'Thông báo: 1 chưa đọc');
    assert.equal((await page.locator('.notification-bell__badge').textContent())?.trim(), '1');
    assert.equal(await page.locator('.notification-bell [aria-live="polite"]').textContent(), 'Thông báo mới: Đợt lấy ý kiến mới: Lấy ý kiến đề cương lần 1');

    await bell.click();
    assert.equal(await bell.getAttribute('aria-expanded'), 'true');
    const item = page.locator('.notification-item').first();
    await item.waitFor();
    assert.equal(await page.locator('.notification-item').count(), 1);
    assert.equal(await item.locator('.notification-item__title').textContent(), 'Đợt lấy ý kiến mới: Lấy ý kiến đề cương lần 1');
    assert.match((await item.locator('.notification-item__time').textContent()) ?? '', /^\d{2}:\d{2}, \d{2}\/\d{2}\/\d{4}$/);
    assert.ok(await item.evaluate((element) => element.classList.contains('is-unread')));

    await item.click();
    await page.waitForURL(`${server.baseUrl}/documents/${documentId}?round=${roundId}`);
    await page.locator('.ProseMirror').waitFor();
    const after = await requestJson(server.baseUrl, 'GET', '/api/notifications', { token: await server.login(OFFICER.username, OFFICER.password) });
    assert.equal((after.body as { unread: number }).unread, 0, 'the click marked it read');
    await waitUntil(async () => (await page.locator('.notification-bell__button').getAttribute('data-unread')) === '0', 'the new page to show no unread');

    // A reply on the ministry's comment: its notification opens the document with that thread active.
    const thread = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
      token: admin,
      body: { organizationId: 'bo-y-te', body: 'Ý kiến của Bộ Y tế tại cuộc họp', meeting: { name: 'Họp tổ biên tập', date: '2026-03-02' } },
    });
    assert.equal(thread.status, 201, JSON.stringify(thread.body));
    const threadId = (thread.body as { id: string }).id;
    const replied = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads/${threadId}/comments`, { token: admin, body: { body: 'Tổ biên tập đã ghi nhận' } });
    assert.equal(replied.status, 201, JSON.stringify(replied.body));
    await waitUntil(async () => (await bell.getAttribute('data-unread')) === '1', 'the reply to be counted live');
    await bell.click();
    await page.locator(`.notification-item[data-kind="comment_replied"]`).click();
    await page.waitForURL(`${server.baseUrl}/documents/${documentId}?thread=${threadId}`);
    await page.locator(`.thread-card--active[data-thread-id="${threadId}"]`).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

const TABS_OFFICER = { username: 'canbo.nhieutab', password: 'mat-khau-nhieu-tab', displayName: 'Vũ Văn Tab', role: 'ministry', organizationId: 'bo-y-te' };

test('several tabs share one notification stream: each bell counts live, and the stream outlives the tab that opened it', async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  const officerId = await server.createUser(admin, TABS_OFFICER);
  const documentId = await server.createDocument(admin, 'Chiến lược nhiều thẻ', 'nts-2030-2045');
  const openStreams = (): number => server.app.notificationStreams.openCount(officerId);
  const errors: string[] = [];
  const { context, page: first } = await newPage(browser, 'tab 1', errors);
  try {
    await signIn(first, server.baseUrl, TABS_OFFICER.username, TABS_OFFICER.password);
    const bells = [first.locator('.notification-bell__button')];
    await waitUntil(async () => (await bells[0]?.getAttribute('data-unread')) === '0', 'the first tab to get its count');
    const tabs = [first];
    for (let index = 2; index <= 4; index++) {
      const tab = await context.newPage();
      tab.on('pageerror', (error) => errors.push(`[tab ${index}] ${error.message}`));
      await tab.goto(`${server.baseUrl}/`);
      const bell = tab.locator('.notification-bell__button');
      await waitUntil(async () => (await bell.getAttribute('data-unread')) === '0', `tab ${index} to get the count from the shared stream`);
      tabs.push(tab);
      bells.push(bell);
    }
    assert.equal(openStreams(), 1, 'four tabs, one stream');

    // A notification reaches every tab through the one stream: a round consulting the officer's organisation.
    const revision = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token: admin, body: { name: 'Dự thảo lần 1' } });
    assert.equal(revision.status, 201, JSON.stringify(revision.body));
    const opened = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/rounds`, {
      token: admin,
      body: {
        title: 'Lấy ý kiến nhiều thẻ',
        requestLetter: { number: '124/BQP-VP', date: '2026-03-01' },
        revisionId: (revision.body as { id: string }).id,
        deadline: '2099-03-10',
        organizations: ['bo-y-te'],
        ministriesSeeEachOther: false,
      },
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    for (const [index, bell] of bells.entries()) await waitUntil(async () => (await bell.getAttribute('data-unread')) === '1', `tab ${index + 1} to count the round`);

    const reply = async (text: string): Promise<void> => {
      const thread = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads`, {
        token: admin,
        body: { organizationId: 'bo-y-te', body: `Ý kiến ${text}`, meeting: { name: 'Họp tổ biên tập', date: '2026-03-02' } },
      });
      assert.equal(thread.status, 201, JSON.stringify(thread.body));
      const replied = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/threads/${(thread.body as { id: string }).id}/comments`, { token: admin, body: { body: text } });
      assert.equal(replied.status, 201, JSON.stringify(replied.body));
    };

    // The tab that opened the stream closes; the others keep it.
    await first.close();
    bells.shift();
    await reply('Đã ghi nhận');
    for (const [index, bell] of bells.entries()) await waitUntil(async () => (await bell.getAttribute('data-unread')) === '2', `tab ${index + 2} to count the reply`);
    assert.equal(openStreams(), 1);

    // Reading everything in one tab updates the others through the stream.
    const officer = await server.login(TABS_OFFICER.username, TABS_OFFICER.password);
    assert.equal((await requestJson(server.baseUrl, 'POST', '/api/notifications/read-all', { token: officer })).status, 200);
    for (const bell of bells) await waitUntil(async () => (await bell.getAttribute('data-unread')) === '0', 'every tab to show none unread');

    // When the last tab goes, so does the stream.
    for (const tab of tabs.slice(1)) await tab.close();
    await waitUntil(async () => openStreams() === 0, 'the stream to end with the last tab');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
