import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CloseCodes } from '../../server/collab/close-codes.ts';
import { closeAction, connectionStatus, providerRetriesAfter } from '../../client/editor/connection-status.ts';

/** The README's close-code table: code → kind (`final` / `retryable`). */
function documentedCodes(): Map<number, string> {
  const readme = readFileSync('README.md', 'utf8');
  const codes = new Map<number, string>();
  for (const match of readme.matchAll(/^\| (\d{4}) \| (final|retryable) \|/gmu)) codes.set(Number(match[1]), match[2] as string);
  return codes;
}

test('every close code is in the README table, and its kind matches the range the provider retries', () => {
  const documented = documentedCodes();
  for (const [name, { code }] of Object.entries(CloseCodes)) {
    const kind = documented.get(code);
    assert.ok(kind, `${name} (${code}) is documented`);
    assert.equal(kind === 'retryable', providerRetriesAfter(code), `${name} (${code}) is documented as ${kind}`);
  }
});

test('the budget and load-failure codes are retried by the web app, 4404 stops it', () => {
  for (const closeCode of [CloseCodes.DocumentUnavailable, CloseCodes.SlowReader, CloseCodes.PendingUpdatesOverflow, CloseCodes.AwarenessOverBudget]) {
    assert.equal(closeAction(closeCode.code), 'retry', `${closeCode.code} ${closeCode.reason}`);
    assert.ok(closeCode.code >= 4500 && closeCode.code < 4600);
  }
  assert.equal(closeAction(CloseCodes.DocumentNotFound.code), 'stop-not-found');
});

test('while the provider waits to retry, the indicator says reconnecting, not offline', () => {
  assert.equal(connectionStatus({ browserOnline: true, provider: 'disconnected', synced: false, retryScheduled: true }), 'reconnecting');
  assert.equal(connectionStatus({ browserOnline: true, provider: 'disconnected', synced: false, retryScheduled: false }), 'offline');
  assert.equal(connectionStatus({ browserOnline: false, provider: 'disconnected', synced: false, retryScheduled: true }), 'offline');
});
