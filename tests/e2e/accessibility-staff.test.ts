import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRole, PEOPLE, useAccessibilityWorld } from './accessibility-world.ts';

const world = useAccessibilityWorld();

/** axe-core on every page the secretariat and a committee member open (see accessibility-world.ts). */

for (const [role, username] of [
  ['secretariat', 'admin'],
  ['editor', PEOPLE.editor.username],
] as const) {
  test(`every page a ${role} opens has no serious or critical accessibility violation`, { timeout: 150_000 }, async () => {
    assert.deepEqual(await checkRole(world(), role, username), []);
  });
}
