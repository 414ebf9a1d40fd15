import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { connectClient, contentOf, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let token: string;

before(async () => {
  server = await startTestServer();
  token = await server.login('admin', server.adminPassword);
});
after(() => server.close());

/** Heading texts of a client's content, in order. */
function headingTexts(fragment: Y.XmlFragment): string[] {
  return fragment
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'heading')
    .map((heading) => heading.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join(''));
}

test('the template list offers the blank outline and the non-traditional security strategy', async () => {
  const result = await requestJson(server.baseUrl, 'GET', '/api/templates', { token });
  assert.equal(result.status, 200);
  const ids = (result.body as Array<{ id: string; title: { vi: string } }>).map((t) => t.id);
  assert.ok(ids.includes('blank'));
  assert.ok(ids.includes('nts-2030-2045'));
});

test('two clients opening a new document from a template at the same moment see the template exactly once', async () => {
  const documentId = await server.createDocument(token, 'Chiến lược an ninh phi truyền thống', 'nts-2030-2045');
  const [a, b] = [connectClient(server.wsUrl, documentId, token), connectClient(server.wsUrl, documentId, token)];
  try {
    await Promise.all([waitSynced(a), waitSynced(b)]);
    // Let any duplicate that a client might push arrive before checking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const headings = headingTexts(a.fragment);
    assert.equal(headings.filter((text) => text === 'MỤC TIÊU').length, 1, 'the template appears once');
    assert.ok(headings.includes('Tầm nhìn đến năm 2045'));
    assert.ok(headings.includes('TỔ CHỨC THỰC HIỆN'));
    assert.equal(contentOf(a), contentOf(b));
  } finally {
    a.destroy();
    b.destroy();
  }
});

test('every block of a templated document has a unique id, and the text is NFC', async () => {
  const documentId = await server.createDocument(token, 'Kiểm tra mã khối', 'nts-2030-2045');
  const client = connectClient(server.wsUrl, documentId, token);
  try {
    await waitSynced(client);
    const ids: string[] = [];
    const visit = (node: Y.XmlElement | Y.XmlFragment): void => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlElement) {
          const id = child.getAttribute('id');
          assert.equal(typeof id, 'string', `${child.nodeName} has an id`);
          ids.push(String(id));
          visit(child);
        }
      }
    };
    visit(client.fragment);
    assert.ok(ids.length > 30);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    const text = contentOf(client);
    assert.equal(text, text.normalize('NFC'));
  } finally {
    client.destroy();
  }
});

test('two documents from one template get different block ids', async () => {
  const ids = async (documentId: string): Promise<string[]> => {
    const client = connectClient(server.wsUrl, documentId, token);
    await waitSynced(client);
    const found = client.fragment.toArray().map((node) => (node instanceof Y.XmlElement ? String(node.getAttribute('id')) : ''));
    client.destroy();
    return found;
  };
  const first = await ids(await server.createDocument(token, 'Một', 'blank'));
  const second = await ids(await server.createDocument(token, 'Hai', 'blank'));
  assert.equal(first.length, second.length);
  assert.ok(first.every((id) => !second.includes(id)));
});

test('an unknown template is refused with ERR_TEMPLATE_NOT_FOUND', async () => {
  const result = await requestJson(server.baseUrl, 'POST', '/api/documents', { token, body: { title: 'X', templateId: 'nope' } });
  assert.equal(result.status, 404);
  assert.deepEqual((result.body as { error: { code: string } }).error.code, 'ERR_TEMPLATE_NOT_FOUND');
});
