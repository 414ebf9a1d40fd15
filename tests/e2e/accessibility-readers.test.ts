import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage } from './browser.ts';
import { check, checkRole, PEOPLE, useAccessibilityWorld } from './accessibility-world.ts';

const world = useAccessibilityWorld();

/** axe-core on the login page and every page a ministry officer and an observer open (see accessibility-world.ts). */

test('the login page has no serious or critical accessibility violation', { timeout: 60_000 }, async () => {
  if (!world) throw new Error('not started');
  const { page, context } = await newPage(world().browser, 'khách', []);
  await page.goto(`${world().server.baseUrl}/login`);
  await page.locator('form input[name="username"]').waitFor();
  assert.deepEqual(await check(page, 'login'), []);
  await context.close();
});

for (const [role, username] of [
  ['ministry', PEOPLE.ministry.username],
  ['observer', PEOPLE.observer.username],
] as const) {
  test(`every page a ${role} opens has no serious or critical accessibility violation`, { timeout: 150_000 }, async () => {
    assert.deepEqual(await checkRole(world(), role, username), []);
  });
}
