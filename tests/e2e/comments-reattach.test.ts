import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { anchorFor } from '../comments/helpers.ts';
import { waitUntil } from './browser.ts';
import { startOutlineWorld, type OutlineWorld } from './outline-session.ts';

/**
 * End to end, in a real Chromium: a ministry comment whose paragraph is deleted shows as
 * orphaned on the secretariat's page, with "Gắn lại vào đoạn đang chọn" enabled only while
 * text is selected; pressing it ties the comment to the selection: the card is active again,
 * the new words are highlighted and the card tells who re-attached it and what it quoted before.
 * Needs `npm run build:client` first.
 */

let world: OutlineWorld | undefined;

before(async () => {
  world = await startOutlineWorld();
});

after(async () => {
  await world?.close();
});

/** The running world of this file. */
function started(): OutlineWorld {
  if (!world) throw new Error('not started');
  return world;
}

test('the secretariat re-attaches an orphaned comment to the selected passage', { timeout: 120_000 }, async () => {
  await started().withSession('Gắn lại góp ý', async (session) => {
    const created = await started().request('ministry', 'POST', `/api/documents/${session.documentId}/threads`, {
      body: 'Đề nghị bổ sung số liệu.',
      anchor: anchorFor(session.observer, 'Nội dung I.2'),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const threadId = (created.body as { id: string }).id;
    const page = session.b;
    const card = page.locator(`.thread-card[data-thread-id="${threadId}"]`);
    await card.waitFor({ state: 'visible' });

    // Section I.2 goes (its subsection's "Nội dung I.2.1" would hold the quote too): the words
    // are really gone, the comment is orphaned.
    const heading = session.observer.fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.getAttribute('id') === 'h-I2');
    session.observer.fragment.delete(heading, 4);
    await waitUntil(async () => (await card.locator('.thread-card__orphaned').count()) === 1, 'the card shows the comment orphaned');
    const button = card.locator('.thread-card__reattach');
    assert.equal(await button.textContent(), 'Gắn lại vào đoạn đang chọn');
    assert.equal(await button.isDisabled(), true, 'nothing is selected yet');

    // Select the words of I.3 (a triple click selects the paragraph's text) and re-attach.
    await page.locator('.ProseMirror p', { hasText: 'Nội dung I.3' }).click({ clickCount: 3 });
    await waitUntil(() => button.isEnabled(), 'the button is enabled by the selection');
    await button.click();
    await waitUntil(async () => (await card.locator('.thread-card__orphaned').count()) === 0, 'the card is no longer orphaned');
    assert.equal(await card.locator('.thread-card__quote').textContent(), 'Nội dung I.3');
    assert.match((await card.getAttribute('class')) ?? '', /thread-card--active/);
    await waitUntil(
      async () => (await page.locator(`.ProseMirror .comment-highlight[data-thread-id="${threadId}"]`).allTextContents()).join('') === 'Nội dung I.3',
      'the new words are highlighted',
    );
    assert.equal(await card.locator('.thread-card__reattach').count(), 0, 'an active thread offers no re-attachment');
    assert.match((await card.locator('.thread-card__reattached').textContent()) ?? '', /gắn lại góp ý vào đoạn mới .*trước đây: “Nội dung I\.2”/u);
  });
  assert.deepEqual(started().pageErrors, []);
});
