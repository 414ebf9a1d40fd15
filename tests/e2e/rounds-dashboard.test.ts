import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson } from '../helpers/server.ts';
import { newPage, signIn, useServerAndBrowser, waitUntil } from './browser.ts';
import { assertInsideAndClickable, keepScreenshot, SCREEN_SIZES } from './layout.ts';
import { seriousViolations } from './axe.ts';

/**
 * End to end, in a real Chromium: the secretariat opens a round of 19 organisations from the
 * rounds page's form; the round's dashboard shows all 19 pending, with four charts (drawn under
 * the app's Content-Security-Policy: any violation is a console error and fails the test) and
 * their data tables; a ministry files its response through the API and the dashboard row turns
 * "responded" live, without a reload. Screenshots are kept among the test artifacts.
 */

const world = useServerAndBrowser();
const errors: string[] = [];

/** dd/mm/yyyy of a date `days` from now (UTC day; the form reads day first). */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

test('the secretariat opens a round of 19 organisations from the page; the dashboard shows them pending and changes live when a ministry answers', async () => {
  const { server, browser } = world();
  const admin = await server.login('admin', server.adminPassword);
  const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const result = await requestJson(server.baseUrl, method, path, { token, body });
    assert.ok(result.status < 300, `${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body as T;
  };
  const documentId = await server.createDocument(admin, 'Chiến lược đo thử theo đợt', 'nts-2030-2045');
  const consulted = (await api<Array<{ id: string }>>(admin, 'GET', '/api/organizations')).slice(0, 19).map((org) => org.id);
  assert.equal(consulted.length, 19);
  const [answering] = consulted as [string];
  await server.createUser(admin, { username: 'canbo.bo', password: 'mat-khau-can-bo', displayName: 'Cán bộ Bộ', role: 'ministry', organizationId: answering });
  const ministry = await server.login('canbo.bo', 'mat-khau-can-bo');
  await api(admin, 'POST', `/api/documents/${documentId}/revisions`, { name: 'Dự thảo lần 1' });

  const { page, context } = await newPage(browser, 'secretariat', errors);
  try {
    await signIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.goto(`${server.baseUrl}/documents/${documentId}`);
    await page.locator('a.rounds-link').click();
    await page.waitForURL(`${server.baseUrl}/documents/${documentId}/rounds`);
    const form = page.locator('form[data-form="open-round"]');
    await form.locator('input[name="title"]').fill('Lấy ý kiến đề cương lần 1');
    await form.locator('input[name="letterNumber"]').fill('123/BQP-VP');
    await form.locator('input[name="letterDate"]').fill(dayFromNow(0));
    await form.locator('input[name="deadline"]').fill(dayFromNow(20));
    for (const id of consulted) await form.locator(`input[data-organization-id="${id}"]`).check();
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(new RegExp(`/documents/${documentId}/rounds/[^/]+$`));

    const rows = page.locator('.round-organizations tbody tr');
    await waitUntil(async () => (await rows.count()) === 19, '19 organisation rows');
    assert.equal(await page.locator('.round-organizations tbody tr[data-status="pending"]').count(), 19);
    assert.equal((await page.locator('.round-table--statuses tr[data-status="pending"] td').textContent())?.trim(), '19');
    // Four charts, each with its table: caption, column and row headers.
    assert.equal(await page.locator('.round-panel .round-chart canvas').count(), 4);
    for (const name of ['statuses', 'timeline', 'sections', 'decisions']) {
      const table = page.locator(`.round-panel[data-panel="${name}"] table`);
      assert.equal(await table.locator('caption').count(), 1, `${name} has a caption`);
      assert.ok((await table.locator('th[scope="col"]').count()) >= 2, `${name} has column headers`);
    }
    // The charts really drew: some pixel of the doughnut's canvas is not blank.
    const painted = await page.locator('.round-panel[data-panel="statuses"] canvas').evaluate((canvas) => {
      const element = canvas as HTMLCanvasElement;
      const pixels = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data ?? new Uint8ClampedArray();
      return pixels.some((value, index) => index % 4 === 3 && value > 0);
    });
    assert.ok(painted, 'the status chart is drawn');
    await assertInsideAndClickable(page, '.round-details', '.round-details .button');
    await keepScreenshot(page, 'round-dashboard-pending');

    // A ministry answers through the API: the open dashboard shows it without a reload.
    const roundId = /\/rounds\/([^/]+)$/.exec(page.url())?.[1] ?? '';
    const headings = (await api<{ content: { content?: Array<{ type: string; attrs?: { id?: string } }> } }>(
      admin,
      'GET',
      `/api/documents/${documentId}/revisions/${(await api<Array<{ id: string }>>(admin, 'GET', `/api/documents/${documentId}/revisions`))[0]?.id ?? ''}`,
    )).content.content?.filter((node) => node.type === 'heading').map((node) => node.attrs?.id ?? '') ?? [];
    const row = page.locator(`.round-organizations tr[data-organization-id="${answering}"]`);
    await api(ministry, 'POST', `/api/documents/${documentId}/submissions`, {
      roundId,
      documentNumber: '45/BQP-PC',
      date: new Date().toISOString().slice(0, 10),
      signer: 'Thứ trưởng',
      noComments: false,
      items: [{ body: 'Đề nghị bổ sung phần đánh giá.', sectionBlockId: headings[0] }],
    });
    await waitUntil(async () => (await row.getAttribute('data-status')) === 'responded', 'the row to turn responded live');
    assert.match((await row.textContent()) ?? '', /45\/BQP-PC/);
    assert.equal((await page.locator('.round-table--statuses tr[data-status="pending"] td').textContent())?.trim(), '18');
    assert.equal(await page.locator('.round-panel[data-panel="sections"] tbody a').count(), 1, 'the commented section links to its comments');
    assert.deepEqual(await seriousViolations(page), [], 'no serious or critical WCAG violation on the round page');
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size);
      // Each chart follows its box's new width (Chart.js resizes on the next frames).
      const widths = async () =>
        page.locator('.round-chart').evaluateAll((boxes) => boxes.map((box) => [box.clientWidth, box.querySelector('canvas')?.clientWidth ?? 0]));
      await waitUntil(async () => (await widths()).every(([box = 0, canvas = 0]) => box > 200 && Math.abs(box - canvas) <= 2), `charts as wide as their boxes at ${size.width} px`, 5000).catch(async (error: unknown) => {
        throw new Error(`${String(error)}: ${JSON.stringify(await widths())}`);
      });
      await assertInsideAndClickable(page, '.round-details', '.round-details .button');
      await keepScreenshot(page, 'round-dashboard-live');
    }
    // Printed: the header, the forms and the buttons are left out; the tables stay.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.round-actions-slot').isVisible(), false);
    assert.equal(await page.locator('button[data-action="print"]').isVisible(), false);
    assert.equal(await page.locator('.round-organizations').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });

    // The section's count opens the review desk filtered to the round and the section.
    await page.locator('.round-panel[data-panel="sections"] tbody a').click();
    await page.waitForURL(/\/review\?round=/);
    await page.locator('.desk-round').waitFor();
    await waitUntil(async () => /Đề nghị bổ sung phần đánh giá/.test((await page.locator('.desk-scroll').textContent()) ?? ''), 'the round’s comment on the desk');
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, []);
});
