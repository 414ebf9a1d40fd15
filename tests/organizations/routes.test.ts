import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { requestJson, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let admin: string;

before(async () => {
  server = await startTestServer();
  admin = await server.login('admin', server.adminPassword);
});
after(() => server.close());

test('the secretariat adds and edits organisations; names are NFC and unique', async () => {
  const created = await requestJson(server.baseUrl, 'POST', '/api/organizations', {
    token: admin,
    body: { name: 'Ủy ban Dân tộc'.normalize('NFD'), shortName: 'UBDT', kind: 'government_agency' },
  });
  assert.equal(created.status, 201);
  const organization = created.body as { id: string; name: string };
  assert.equal(organization.name, 'Ủy ban Dân tộc'.normalize('NFC'));

  const duplicate = await requestJson(server.baseUrl, 'POST', '/api/organizations', {
    token: admin,
    body: { name: 'ủy ban dân tộc', shortName: 'X', kind: 'other' },
  });
  assert.equal(duplicate.status, 409);

  const renamed = await requestJson(server.baseUrl, 'PATCH', `/api/organizations/${organization.id}`, { token: admin, body: { shortName: 'UBDT-2' } });
  assert.equal(renamed.status, 200);
  const list = (await requestJson(server.baseUrl, 'GET', '/api/organizations')).body as Array<{ id: string; shortName: string }>;
  assert.equal(list.find((org) => org.id === organization.id)?.shortName, 'UBDT-2');
  assert.equal((await requestJson(server.baseUrl, 'PATCH', '/api/organizations/nope', { token: admin, body: { kind: 'other' } })).status, 404);
});

test('only the secretariat changes organisations', async () => {
  await server.createUser(admin, { username: 'ed', password: 'mat-khau-ed', displayName: 'Ed', role: 'editor' });
  const editor = await server.login('ed', 'mat-khau-ed');
  const result = await requestJson(server.baseUrl, 'POST', '/api/organizations', { token: editor, body: { name: 'X', shortName: 'X', kind: 'other' } });
  assert.equal(result.status, 403);
  const anonymous = await requestJson(server.baseUrl, 'POST', '/api/organizations', { body: { name: 'X', shortName: 'X', kind: 'other' } });
  assert.equal(anonymous.status, 401);
});
