import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clientShapesJson } from '../../server/http/client-shapes.ts';
import { assertMatches, type JsonSchema } from '../../client/api/json-schema.ts';
import { narrowShape } from '../../client/api/shapes.ts';
import { requestJson, startTestServer } from '../helpers/server.ts';

test('the client copy of the response schemas is what the server schemas generate (run `npm run generate:shapes`)', () => {
  const committed = readFileSync(new URL('../../client/api/shapes.generated.json', import.meta.url), 'utf8');
  assert.equal(committed, clientShapesJson());
});

test('the checker: types, required and optional fields, enums, nullable, maps, arrays and recursive refs', () => {
  const node: JsonSchema = {
    $id: 'N',
    properties: { type: { type: 'string' }, level: { type: 'integer', nullable: true }, content: { items: { $ref: 'N' } } },
    optional: ['content', 'level'],
  };
  assert.deepEqual(assertMatches(node, { type: 'doc', content: [{ type: 'p', level: null }] }, 'node'), { type: 'doc', content: [{ type: 'p', level: null }] });
  assert.throws(() => assertMatches(node, { type: 'doc', content: [{ level: 1 }] }, 'node'), /node\.content\[0\]\.type: missing/);
  assert.throws(() => assertMatches(node, { type: 'doc', level: 1.5 }, 'node'), /node\.level: expected integer/);
  assert.throws(() => assertMatches(node, [], 'node'), /expected an object/);
  const status: JsonSchema = { enum: ['open', 'withdrawn'] };
  assert.throws(() => assertMatches(status, 'closed', 's'), TypeError);
  assert.throws(() => assertMatches(status, null, 's'), TypeError);
  const counts: JsonSchema = { values: { type: 'integer' } };
  assert.deepEqual(assertMatches(counts, { a: 1, b: 2 }, 'c'), { a: 1, b: 2 });
  assert.throws(() => assertMatches(counts, { a: '1' }, 'c'), /c\.a: expected integer/);
  assert.throws(() => assertMatches({ $ref: 'Other' }, 1, 'x'), /unknown schema Other/);
  assert.equal(assertMatches({ $ref: 'Other' }, 1, 'x', { Other: { type: 'number' } }), 1);
});

test('real responses of the server narrow to their client shapes, and a changed field is caught', async () => {
  const server = await startTestServer();
  try {
    const token = await server.login('admin', server.adminPassword);
    const documentId = await server.createDocument(token, 'Chiến lược', 'nts-2030-2045');
    const get = async (path: string): Promise<unknown> => (await requestJson(server.baseUrl, 'GET', path, { token })).body;
    const me = narrowShape('Me', await get('/api/auth/me'));
    assert.equal(me.user.username, 'admin');
    narrowShape('Document', await get(`/api/documents/${documentId}`));
    const revision = (await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/revisions`, { token, body: { name: 'Dự thảo lần 1' } })).body;
    narrowShape('Revision', revision);
    const revisionId = (revision as { id: string }).id;
    const content = narrowShape('RevisionContent', await get(`/api/documents/${documentId}/revisions/${revisionId}`));
    assert.equal(content.content.type, 'doc');
    const compared = narrowShape('CompareResult', await get(`/api/documents/${documentId}/compare?from=${revisionId}&to=current`));
    assert.ok(compared.comparison.blocks.length > 10);
    narrowShape('ThreadList', await get(`/api/documents/${documentId}/threads`));
    for (const entry of (await get('/api/audit')) as unknown[]) narrowShape('AuditEntry', entry);
    const broken = structuredClone(compared) as { comparison: { blocks: Array<{ status: string }> } };
    const [first] = broken.comparison.blocks;
    assert.ok(first);
    first.status = 'rewritten';
    assert.throws(() => narrowShape('CompareResult', broken), /CompareResult\.comparison\.blocks\[0\]\.status/);
  } finally {
    await server.close();
  }
});
