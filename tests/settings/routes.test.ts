import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, contentOf, waitFor, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, tempDataDir } from '../helpers/server.ts';
import { unzip } from '../helpers/zip.ts';

test('the secretariat names the drafting body and the secretariat; the names reach templates and the synthesis table, are audited and kept', async () => {
  const dataDir = tempDataDir();
  let server = await startTestServer({ dataDir, draftingBody: 'Tổ biên soạn' });
  try {
    const admin = await server.login('admin', server.adminPassword);
    await server.createUser(admin, { username: 'bien', password: 'mat-khau-bien', displayName: 'Biên', role: 'editor' });
    const editor = await server.login('bien', 'mat-khau-bien');

    const initial = await requestJson(server.baseUrl, 'GET', '/api/settings/terminology');
    assert.equal(initial.status, 200, 'public: the sign-in page names the secretariat too');
    assert.deepEqual(initial.body, { draftingBody: 'Tổ biên soạn', secretariat: 'Ban thư ký' });

    const body = { draftingBody: '  Ban soa\u0323n tha\u0309o  ', secretariat: 'Tổ   thư ký' };
    assert.equal((await requestJson(server.baseUrl, 'PUT', '/api/settings/terminology', { body })).status, 401);
    assert.equal((await requestJson(server.baseUrl, 'PUT', '/api/settings/terminology', { token: editor, body })).status, 403);
    for (const bad of [{}, { draftingBody: '   ' }, { draftingBody: 'x', extra: 1 }, { secretariat: 'x'.repeat(121) }]) {
      assert.equal((await requestJson(server.baseUrl, 'PUT', '/api/settings/terminology', { token: admin, body: bad })).status, 400, JSON.stringify(bad));
    }
    const saved = await requestJson(server.baseUrl, 'PUT', '/api/settings/terminology', { token: admin, body });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body, { draftingBody: 'Ban soạn thảo', secretariat: 'Tổ thư ký' }, 'NFC, spaces collapsed');

    const audit = await requestJson(server.baseUrl, 'GET', '/api/audit?action=settings.', { token: admin });
    const entries = audit.body as Array<{ action: string; details: Record<string, string> }>;
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.details, { draftingBody: 'Ban soạn thảo', secretariat: 'Tổ thư ký', previousDraftingBody: 'Tổ biên soạn', previousSecretariat: 'Ban thư ký' });

    const documentId = await server.createDocument(admin, 'Chiến lược', 'nts-2030-2045');
    const client = connectClient(server.wsUrl, documentId, admin);
    await waitSynced(client);
    await waitFor(() => contentOf(client).includes('khung để Ban soạn thảo thảo luận'), 'the template names the drafting body');
    assert.ok(!contentOf(client).includes('{draftingBody}'));
    client.destroy();

    const docx = await fetch(`${server.baseUrl}/api/documents/${documentId}/synthesis.docx`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(docx.status, 200);
    const xml = unzip(Buffer.from(await docx.arrayBuffer())).get('word/document.xml')?.toString('utf8') ?? '';
    assert.match(xml, /BAN SOẠN THẢO/u, 'the synthesis table is issued by the named drafting body');
    assert.doesNotMatch(xml, /TỔ BIÊN SOẠN/u);

    await server.close({ keepData: true });
    server = await startTestServer({ dataDir, draftingBody: 'Tổ biên soạn' });
    assert.deepEqual((await requestJson(server.baseUrl, 'GET', '/api/settings/terminology')).body, { draftingBody: 'Ban soạn thảo', secretariat: 'Tổ thư ký' }, 'kept across a restart');
  } finally {
    await server.close();
  }
});
