import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, useServerAndBrowser, waitUntil } from './browser.ts';
import { openByKeyboard, signInByKeyboard, tabTo } from './keyboard.ts';

/**
 * The whole comment cycle with the keyboard only (`page.keyboard`, never the mouse): a
 * committee member signs in, opens the draft from the list, selects a passage with
 * Shift+Ctrl+→ and comments on it (Ctrl+Alt+M); the secretariat signs in, opens the draft,
 * replies, and decides "Không tiếp thu" with an explanation. Every control reached with Tab
 * shows its focus.
 */

const world = useServerAndBrowser();
const MEMBER = { username: 'thanhvien.banphim', password: 'mat-khau-ban-phim', displayName: 'Đỗ Văn Phím', role: 'editor' };

test('keyboard only: sign in, open a draft, comment on a passage, reply, decide with an explanation', { timeout: 120_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  const memberId = await server.createUser(admin, MEMBER);
  const documentId = await server.createDocument(admin, 'Đề cương bàn phím', 'nts-2030-2045');
  assert.equal((await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [memberId], organizations: [] } })).status, 200);
  const errors: string[] = [];

  const member = await newPage(browser, 'thành viên', errors);
  await signInByKeyboard(member.page, server.baseUrl, MEMBER.username, MEMBER.password);
  await openByKeyboard(member.page, server.baseUrl, documentId);
  await tabTo(member.page, '.ProseMirror');
  await member.page.keyboard.press('Control+Home');
  await member.page.keyboard.press('Control+Shift+ArrowRight');
  await member.page.keyboard.press('Control+Shift+ArrowRight');
  await member.page.keyboard.press('Control+Alt+KeyM');
  const form = member.page.locator('.new-thread-form');
  await form.waitFor();
  assert.equal((await form.locator('.new-thread-form__quote').textContent())?.trim(), 'Đề cương', 'the passage selected with the keyboard is quoted');
  assert.equal(await member.page.evaluate(() => document.activeElement?.getAttribute('name')), 'body', 'the comment box has the focus');
  await member.page.keyboard.type('Đề nghị nêu rõ phạm vi của đề cương.');
  await tabTo(member.page, '.new-thread-form button[type="submit"]');
  await member.page.keyboard.press('Enter');
  await member.page.locator('.thread-card', { hasText: 'Đề nghị nêu rõ phạm vi' }).waitFor();

  const secretary = await newPage(browser, 'thư ký', errors);
  await signInByKeyboard(secretary.page, server.baseUrl, 'admin', server.adminPassword);
  await openByKeyboard(secretary.page, server.baseUrl, documentId);
  const card = secretary.page.locator('.thread-card', { hasText: 'Đề nghị nêu rõ phạm vi' });
  await card.waitFor();
  await tabTo(secretary.page, '.reply-form__body');
  await secretary.page.keyboard.type('Tổ biên soạn đã ghi nhận.');
  await tabTo(secretary.page, '.reply-form__submit');
  await secretary.page.keyboard.press('Enter');
  await card.locator('.thread-comment--reply', { hasText: 'Tổ biên soạn đã ghi nhận.' }).waitFor();
  await tabTo(secretary.page, '.decision-bar__explanation');
  await secretary.page.keyboard.type('Phạm vi đã nêu tại Phần I.');
  await tabTo(secretary.page, '.decision-bar__button[data-decision="not_accepted"]');
  await secretary.page.keyboard.press('Space');
  await card.locator('.decision-bar__button[data-decision="not_accepted"][aria-pressed="true"]').waitFor();

  await waitUntil(async () => {
    const listed = (await requestJson(server.baseUrl, 'GET', `/api/documents/${documentId}/threads`, { token: admin })).body as {
      threads: Array<{ status: string; explanation: string | null; anchor: { quote: string } | null; comments: Array<{ body: string }> }>;
    };
    const thread = listed.threads[0];
    return (
      listed.threads.length === 1 &&
      thread?.status === 'not_accepted' &&
      thread.explanation === 'Phạm vi đã nêu tại Phần I.' &&
      thread.anchor?.quote === 'Đề cương' &&
      thread.comments.map((comment) => comment.body).join('|') === 'Đề nghị nêu rõ phạm vi của đề cương.|Tổ biên soạn đã ghi nhận.'
    );
  }, 'the thread, its reply and the decision on the server');
  assert.deepEqual(errors, []);
});
