import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { loadConfig } from '../../server/config.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { download, SAMPLE_DRAFT, writeDraft } from './helpers.ts';

/**
 * The PDF made on the server from the print view with the shared headless Chromium, and the
 * refusal where there is no Chromium (503 `ERR_PDF_UNAVAILABLE`, by pointing the server at a
 * missing file).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TITLE = 'Chiến lược in thử';
let server: TestServer;
let admin = '';
let documentId = '';

before(async () => {
  server = await startTestServer({ chromiumPath: CHROMIUM });
  admin = await server.login('admin', server.adminPassword);
  documentId = await server.createDocument(admin, TITLE);
  await writeDraft(server, admin, documentId, SAMPLE_DRAFT);
});

after(async () => {
  await server.close();
});

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/gu) ?? []).length;
}

test('the PDF of the live draft, made by Chromium from the print view', { skip: existsSync(CHROMIUM) ? false : `Chromium is not installed at ${CHROMIUM}` }, async () => {
  const [first, second] = await Promise.all([
    download(server, `/api/documents/${documentId}/export.pdf`, admin),
    download(server, `/api/documents/${documentId}/export.pdf`, admin),
  ]);
  for (const response of [first, second]) {
    assert.equal(response.status, 200, response.body.toString('utf8', 0, 300));
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.body.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pageCount(response.body) > 0, 'at least one page');
  }
  assert.ok((first.headers.get('content-disposition') ?? '').includes(encodeURIComponent(`${TITLE} - Bản đang soạn.pdf`)));
  // A4 portrait: 595.3 × 841.9 points.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/u.exec(first.body.toString('latin1'));
  assert.ok(box, 'a media box');
  assert.ok(Math.abs(Number(box[1]) - 595.3) < 1 && Math.abs(Number(box[2]) - 841.9) < 1, box[0]);
});

test('without Chromium the PDF is refused with 503 ERR_PDF_UNAVAILABLE; the Word file still works', async () => {
  // CHROMIUM_PATH, read as the server reads its environment, points at a file that is not there.
  const { chromiumPath } = loadConfig({ CHROMIUM_PATH: '/nonexistent/chromium' });
  assert.equal(chromiumPath, '/nonexistent/chromium');
  assert.equal(loadConfig({}).chromiumPath, '/usr/bin/chromium', 'the default');
  const bare = await startTestServer({ chromiumPath });
  try {
    const token = await bare.login('admin', bare.adminPassword);
    const id = await bare.createDocument(token, TITLE, 'nts-2030-2045');
    const pdf = await download(bare, `/api/documents/${id}/export.pdf`, token);
    assert.equal(pdf.status, 503);
    const body = JSON.parse(pdf.body.toString('utf8')) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'ERR_PDF_UNAVAILABLE');
    assert.match(body.error.message, /\/nonexistent\/chromium/u);
    assert.equal((await download(bare, `/api/documents/${id}/export.docx`, token)).status, 200);
  } finally {
    await bare.close();
  }
});
