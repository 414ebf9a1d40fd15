import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../helpers/server.ts';

/** GET with a bearer token; returns status, header `x-next-cursor` and parsed body. */
async function get(baseUrl: string, path: string, token: string): Promise<{ status: number; next: string | null; body: unknown; text: string }> {
  const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, next: response.headers.get('x-next-cursor'), body: JSON.parse(text) as unknown, text };
}

test('threads, submissions and the audit trail page with optional limit and cursor; without them the answer is unchanged', async () => {
  const server = await startTestServer();
  const token = await server.login('admin', server.adminPassword);
  const documentId = await server.createDocument(token, 'Phân trang');
  for (const title of ['Hai', 'Ba', 'Bốn']) await server.createDocument(token, title);
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${server.baseUrl}/api/documents/${documentId}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `Góp ý ${i}`, sectionBlockId: `sec-${i}` }),
    });
    assert.equal(response.status, 201);
  }
  const threadsPath = `/api/documents/${documentId}/threads`;
  const whole = await get(server.baseUrl, threadsPath, token);
  const all = whole.body as { threads: Array<{ id: string }>; counts: unknown; nextCursor?: string };
  assert.deepEqual(Object.keys(all), ['visibility', 'threads', 'counts'], 'no new field without pagination');
  assert.equal(all.threads.length, 5);

  const paged: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = (await get(server.baseUrl, `${threadsPath}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token)).body as typeof all;
    assert.deepEqual(page.counts, all.counts, 'counts cover every visible thread on every page');
    paged.push(...page.threads.map((thread) => thread.id));
    cursor = page.nextCursor;
    if (cursor === undefined) break;
  }
  assert.deepEqual(paged, all.threads.map((thread) => thread.id));

  const auditAll = (await get(server.baseUrl, '/api/audit', token)).body as Array<{ id: string }>;
  assert.ok(auditAll.length >= 4);
  const auditPaged: string[] = [];
  let auditCursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page: { next: string | null; body: unknown } = await get(server.baseUrl, `/api/audit?limit=3${auditCursor ? `&cursor=${auditCursor}` : ''}`, token);
    auditPaged.push(...(page.body as Array<{ id: string }>).map((entry) => entry.id));
    auditCursor = page.next;
    if (auditCursor === null) break;
  }
  assert.deepEqual(auditPaged, auditAll.map((entry) => entry.id));

  const submissions = await get(server.baseUrl, `/api/documents/${documentId}/submissions?limit=1`, token);
  assert.equal(submissions.status, 200);
  assert.equal(submissions.next, null);
  await server.close();
});
