import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, signIn, useServerAndBrowser } from './browser.ts';

/**
 * The secretariat renames the drafting body and the secretariat under *Quản trị → Tên gọi*:
 * the page speaks of them by the new names at once, and so does every page loaded later,
 * for every role.
 */

const world = useServerAndBrowser();

test('the secretariat renames the drafting body and the secretariat; the interface follows', { timeout: 90_000 }, async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  await server.createUser(admin, { username: 'bientap.tengoi', password: 'mat-khau-ten-goi', displayName: 'Vũ Tên Gọi', role: 'editor' });
  const errors: string[] = [];

  const { page } = await newPage(browser, 'thư ký', errors);
  await signIn(page, server.baseUrl, 'admin', server.adminPassword);
  assert.equal(await page.locator('.app-header__role').textContent(), 'Ban thư ký');
  await page.goto(`${server.baseUrl}/admin#terms`);
  const form = page.locator('form.terms-form');
  await form.waitFor();
  assert.equal(await form.locator('input[name="draftingBody"]').inputValue(), 'Tổ biên soạn');
  await form.locator('input[name="draftingBody"]').fill('Ban soạn thảo');
  await form.locator('input[name="secretariat"]').fill('Tổ thư ký');
  await form.locator('button[type="submit"]').click();
  await page.locator('.form-success', { hasText: 'Đã lưu tên gọi.' }).waitFor();
  assert.equal(await page.locator('.app-header__role').textContent(), 'Tổ thư ký', 'the header follows at once');

  const stored = await requestJson(server.baseUrl, 'GET', '/api/settings/terminology');
  assert.deepEqual(stored.body, { draftingBody: 'Ban soạn thảo', secretariat: 'Tổ thư ký' });

  const member = await newPage(browser, 'biên tập', errors);
  await signIn(member.page, server.baseUrl, 'bientap.tengoi', 'mat-khau-ten-goi');
  assert.equal(await member.page.locator('.app-header__role').textContent(), 'Thành viên Ban soạn thảo', 'a later page uses the new names');
  assert.deepEqual(errors, []);
});
