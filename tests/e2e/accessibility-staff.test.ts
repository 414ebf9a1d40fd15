import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRole, PEOPLE, startAccessibilityWorld, type AccessibilityWorld } from './accessibility-world.ts';

let world: AccessibilityWorld | undefined;

before(async () => {
  world = await startAccessibilityWorld();
});

after(async () => {
  await world?.browser.close();
  await world?.server.close();
});

/** axe-core on every page the secretariat and a committee member open (see accessibility-world.ts). */

for (const [role, username] of [
  ['secretariat', 'admin'],
  ['editor', PEOPLE.editor.username],
] as const) {
  test(`every page a ${role} opens has no serious or critical accessibility violation`, { timeout: 150_000 }, async () => {
    if (!world) throw new Error('not started');
    assert.deepEqual(await checkRole(world, role, username), []);
  });
}
