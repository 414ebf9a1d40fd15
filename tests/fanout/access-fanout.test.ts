import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { CloseCodes } from '../../server/collab/close-codes.ts';
import { connectClient, contentOf, waitFor, waitSynced, type TestClient } from '../helpers/clients.ts';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { createTestSchema, sharedModeSkip, TEST_REDIS_URL, type TestSchema } from '../helpers/postgres.ts';
import { requestJson, TEST_ADMIN_PASSWORD, tempDataDir } from '../helpers/server.ts';
import * as Y from 'yjs';

/** What the shared mode promises: a change made on one process acts on the others within this. */
const WITHIN_MS = 1_000;

/** The close of a client's socket, with when the test saw it. */
interface SeenClose {
  code: number;
  at: number;
}

/** Records every close of the client's socket (the provider reconnects after each). */
function watchCloses(client: TestClient): SeenClose[] {
  const closes: SeenClose[] = [];
  client.provider.on('connection-close', (event) => closes.push({ code: event?.code ?? -1, at: Date.now() }));
  return closes;
}

/** An open server-sent event stream; `ended` resolves with when the server ended it. */
interface OpenStream {
  ended: Promise<number>;
  cancel(): void;
}

/** Opens a server-sent event stream as a signed-in client (bearer token) and reads it until the server ends it. */
async function openStream(server: ServerProcess, path: string, token: string): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  assert.equal(response.status, 200, path);
  const reader = response.body?.getReader();
  assert.ok(reader);
  const ended = (async () => {
    for (;;) {
      const { done } = await reader.read();
      if (done) return Date.now();
    }
  })();
  ended.catch(() => undefined);
  return { ended, cancel: () => controller.abort() };
}

/** When `stream` ended, or rejects when it is still open after `timeoutMs`. */
async function endOf(stream: OpenStream, timeoutMs = 5_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([stream.ended, new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error('the stream is still open')), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
    stream.cancel();
  }
}

/** Appends a paragraph holding `text` to the client's document. */
function typeParagraph(client: TestClient, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  client.fragment.push([paragraph]);
}

describe('accounts, records and access across processes', { skip: await sharedModeSkip() }, () => {
  let schema: TestSchema;
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: string;
  let organizationId: string;
  const dataDirs: string[] = [];
  const clients: TestClient[] = [];
  let counter = 0;

  const start = async (): Promise<ServerProcess> => {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    // Generous: processes compiling TypeScript at once on a busy 2-core machine start slowly.
    return spawnServer(dataDir, { DATABASE_URL: schema.url, REDIS_URL: TEST_REDIS_URL, UNLOAD_DELAY_MS: '200' }, 150_000);
  };

  const login = async (server: ServerProcess, username: string, password: string): Promise<string> => {
    const answer = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return (answer.body as { token: string }).token;
  };

  /** A new account made on A, its name unique in this file. */
  const newUser = async (role: string, withOrganization = role === 'ministry'): Promise<{ id: string; username: string; password: string }> => {
    const username = `nguoi-dung-${++counter}`;
    const password = `mat-khau-${counter}-dai-du`;
    const body = { username, password, displayName: `Người dùng ${counter}`, role, ...(withOrganization ? { organizationId } : {}) };
    const answer = await requestJson(a.baseUrl, 'POST', '/api/users', { token: admin, body });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return { id: (answer.body as { id: string }).id, username, password };
  };

  /** A new document made on A, open to the organisation and to `members`. */
  const newDocument = async (members: string[]): Promise<string> => {
    const created = await requestJson(a.baseUrl, 'POST', '/api/documents', { token: admin, body: { title: `Dự thảo ${++counter}` } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = (created.body as { id: string }).id;
    const access = await requestJson(a.baseUrl, 'PUT', `/api/documents/${id}/access`, { token: admin, body: { members, organizations: [organizationId] } });
    assert.equal(access.status, 200, JSON.stringify(access.body));
    return id;
  };

  /** Polls `path` on `server` until it answers `status`; returns how long that took. */
  const untilAnswers = async (server: ServerProcess, path: string, token: string, status: number, accept: (body: unknown) => boolean = () => true): Promise<number> => {
    const started = Date.now();
    for (let tries = 0; tries < 500; tries++) {
      const answer = await requestJson(server.baseUrl, 'GET', path, { token });
      if (answer.status === status && accept(answer.body)) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${path} never answered ${status}`);
  };

  /** A client on `server`, synced. */
  const connected = async (server: ServerProcess, documentId: string, token: string): Promise<TestClient> => {
    const client = connectClient(server.wsUrl, documentId, token);
    clients.push(client);
    await waitSynced(client, 20_000);
    return client;
  };

  /** Runs `change` on A and returns how long after A's answer the client's socket on B closed, and with which code. */
  const closeAfter = async (client: TestClient, closes: SeenClose[], change: () => Promise<{ status: number; body: unknown }>, expected: number): Promise<{ code: number; ms: number; answeredAt: number }> => {
    const answer = await change();
    assert.ok(answer.status >= 200 && answer.status < 300, JSON.stringify(answer.body));
    const answeredAt = Date.now();
    await waitFor(() => closes.length > 0, 'the socket on B closed', 5_000);
    const close = closes[0];
    assert.ok(close);
    client.destroy();
    assert.equal(close.code, expected);
    return { code: close.code, ms: close.at - answeredAt, answeredAt };
  };

  before(async () => {
    schema = await createTestSchema();
    // The second waits for the first: two starts at once double the compile time of each.
    a = await start();
    b = await start();
    admin = await login(a, 'admin', TEST_ADMIN_PASSWORD);
    const organizations = await requestJson(a.baseUrl, 'GET', '/api/organizations', { token: admin });
    const first = (organizations.body as Array<{ id: string }>)[0];
    assert.ok(first);
    organizationId = first.id;
  });

  after(async () => {
    for (const client of clients) client.destroy();
    for (const server of [a, b]) server?.child.kill('SIGKILL');
    await Promise.all([a, b].filter(Boolean).map((server) => server.exited));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
  });

  test("a ministry officer on B is read-only, and its socket closes within a second of its organisation's access being withdrawn on A", async () => {
    const officer = await newUser('ministry');
    const editor = await newUser('editor');
    const documentId = await newDocument([editor.id]);
    const officerToken = await login(b, officer.username, officer.password);
    const editorToken = await login(b, editor.username, editor.password);
    await untilAnswers(b, `/api/documents/${documentId}`, officerToken, 200);

    const officerClient = await connected(b, documentId, officerToken);
    const editorClient = await connected(b, documentId, editorToken);
    const closes = watchCloses(officerClient);
    typeParagraph(officerClient, 'Bộ sửa trái phép');
    typeParagraph(editorClient, 'Ban soạn thảo viết');
    await waitFor(() => contentOf(officerClient).includes('Ban soạn thảo viết'), "the editor's paragraph reached the officer");
    assert.ok(!contentOf(editorClient).includes('Bộ sửa trái phép'), "the officer's edit reached the editor");
    // A has not loaded the document: a client there reads what B stored.
    const reader = await connected(a, documentId, admin);
    await waitFor(() => contentOf(reader).includes('Ban soạn thảo viết'), "the editor's stored paragraph");
    assert.ok(!contentOf(reader).includes('Bộ sửa trái phép'), "the officer's edit was stored");
    reader.destroy();
    const comments = await openStream(b, `/api/documents/${documentId}/threads/events`, officerToken);

    const closed = await closeAfter(
      officerClient,
      closes,
      () => requestJson(a.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [editor.id], organizations: [] } }),
      CloseCodes.Forbidden.code,
    );
    const streamMs = (await endOf(comments)) - closed.answeredAt;
    console.log(`withdrawn access: on B the socket closed ${closed.ms} ms and the comment stream ended ${streamMs} ms after A answered`);
    assert.ok(closed.ms < WITHIN_MS, `closed after ${closed.ms} ms`);
    assert.ok(streamMs < WITHIN_MS, `stream ended after ${streamMs} ms`);
    assert.equal(editorClient.provider.wsconnected, true, "the editor's socket stays open");
  });

  test('an account disabled on A has its socket on B closed within a second', async () => {
    const officer = await newUser('ministry');
    const documentId = await newDocument([]);
    const token = await login(b, officer.username, officer.password);
    await untilAnswers(b, `/api/documents/${documentId}`, token, 200);
    const client = await connected(b, documentId, token);
    const closes = watchCloses(client);
    const notifications = await openStream(b, '/api/notifications/stream', token);
    const closed = await closeAfter(
      client,
      closes,
      () => requestJson(a.baseUrl, 'PATCH', `/api/users/${officer.id}`, { token: admin, body: { disabled: true } }),
      CloseCodes.Unauthenticated.code,
    );
    const streamMs = (await endOf(notifications)) - closed.answeredAt;
    console.log(`disabled account: on B the socket closed ${closed.ms} ms and the notification stream ended ${streamMs} ms after A answered`);
    assert.ok(closed.ms < WITHIN_MS, `closed after ${closed.ms} ms`);
    assert.ok(streamMs < WITHIN_MS, `stream ended after ${streamMs} ms`);
    assert.equal((await requestJson(b.baseUrl, 'GET', '/api/auth/me', { token })).status, 401);
  });

  test("a role changed on A closes the person's socket on B (permissions changed) within a second", async () => {
    const editor = await newUser('editor');
    const documentId = await newDocument([editor.id]);
    const token = await login(b, editor.username, editor.password);
    await untilAnswers(b, `/api/documents/${documentId}`, token, 200);
    const client = await connected(b, documentId, token);
    const closes = watchCloses(client);
    const closed = await closeAfter(
      client,
      closes,
      () => requestJson(a.baseUrl, 'PATCH', `/api/users/${editor.id}`, { token: admin, body: { role: 'observer' } }),
      CloseCodes.PermissionsChanged.code,
    );
    console.log(`role change: the socket on B closed ${closed.ms} ms after A answered`);
    assert.ok(closed.ms < WITHIN_MS, `closed after ${closed.ms} ms`);
  });

  test("a new document, a renamed organisation and the drafting body's name set on A are seen by B's API within a second", async () => {
    const created = await requestJson(a.baseUrl, 'POST', '/api/documents', { token: admin, body: { title: 'Dự thảo mới trên A' } });
    assert.equal(created.status, 201);
    const documentMs = await untilAnswers(b, `/api/documents/${(created.body as { id: string }).id}`, admin, 200);

    const name = `Bộ Đổi Tên ${++counter}`;
    assert.equal((await requestJson(a.baseUrl, 'PATCH', `/api/organizations/${organizationId}`, { token: admin, body: { name } })).status, 200);
    const organizationMs = await untilAnswers(b, '/api/organizations', admin, 200, (body) =>
      (body as Array<{ id: string; name: string }>).some((org) => org.id === organizationId && org.name === name),
    );

    const draftingBody = `Tổ soạn thảo ${counter}`;
    assert.equal((await requestJson(a.baseUrl, 'PUT', '/api/settings/terminology', { token: admin, body: { draftingBody } })).status, 200);
    const terminologyMs = await untilAnswers(b, '/api/settings/terminology', admin, 200, (body) => (body as { draftingBody: string }).draftingBody === draftingBody);

    console.log(`seen on B after: document ${documentMs} ms, organisation ${organizationMs} ms, terminology ${terminologyMs} ms`);
    for (const ms of [documentMs, organizationMs, terminologyMs]) assert.ok(ms < WITHIN_MS, `seen after ${ms} ms`);
  });

  test('sign-in failures on A and B count against one limit, and an unlock on A frees the account on B', async () => {
    const person = await newUser('editor');
    await untilAnswers(b, '/api/users', admin, 200, (body) => (body as Array<{ id: string }>).some((user) => user.id === person.id));
    // The default rule: 10 failures per account in 15 minutes.
    for (let attempt = 0; attempt < 10; attempt++) {
      const server = attempt % 2 === 0 ? a : b;
      const answer = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: person.username, password: 'sai mật khẩu' } });
      assert.equal(answer.status, 401, `attempt ${attempt + 1}: ${JSON.stringify(answer.body)}`);
    }
    for (const server of [a, b]) {
      const refused = await requestJson(server.baseUrl, 'POST', '/api/auth/login', { body: { username: person.username, password: person.password } });
      assert.equal(refused.status, 429, JSON.stringify(refused.body));
    }
    const listed = await requestJson(b.baseUrl, 'GET', '/api/users', { token: admin });
    const lockedUntil = (listed.body as Array<{ id: string; lockedUntil?: string }>).find((user) => user.id === person.id)?.lockedUntil;
    assert.ok(lockedUntil && Date.parse(lockedUntil) > Date.now(), 'B lists the account as locked');

    assert.equal((await requestJson(a.baseUrl, 'POST', `/api/users/${person.id}/unlock`, { token: admin })).status, 204);
    await login(b, person.username, person.password);
  });

  test('a session opened on A works on B; signing out on A is refused on B at once and closes its socket there', async () => {
    const editor = await newUser('editor');
    const documentId = await newDocument([editor.id]);
    const token = await login(a, editor.username, editor.password);
    const asCookie = async (server: ServerProcess): Promise<number> =>
      (await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: `draftroom_session=${token}` } })).status;
    assert.equal(await asCookie(b), 200);
    await untilAnswers(b, `/api/documents/${documentId}`, token, 200);
    const client = await connected(b, documentId, token);
    const closes = watchCloses(client);

    const closed = await closeAfter(client, closes, () => requestJson(a.baseUrl, 'POST', '/api/auth/logout', { token }), CloseCodes.Unauthenticated.code);
    assert.equal(await asCookie(b), 401);
    console.log(`sign-out: the socket on B closed ${closed.ms} ms after A answered`);
    assert.ok(closed.ms < WITHIN_MS, `closed after ${closed.ms} ms`);
  });

  test("a password changed on A ends the person's other sessions on B, not the one that changed it", async () => {
    const editor = await newUser('editor');
    const documentId = await newDocument([editor.id]);
    const kept = await login(a, editor.username, editor.password);
    const other = await login(b, editor.username, editor.password);
    await untilAnswers(b, `/api/documents/${documentId}`, other, 200);
    const client = await connected(b, documentId, other);
    const closes = watchCloses(client);
    const closed = await closeAfter(
      client,
      closes,
      () => requestJson(a.baseUrl, 'POST', '/api/auth/password', { token: kept, body: { currentPassword: editor.password, newPassword: 'mật khẩu mới đủ dài' } }),
      CloseCodes.Unauthenticated.code,
    );
    console.log(`password change: the socket on B closed ${closed.ms} ms after A answered`);
    assert.ok(closed.ms < WITHIN_MS, `closed after ${closed.ms} ms`);
    assert.equal((await requestJson(b.baseUrl, 'GET', '/api/auth/me', { token: other })).status, 401);
    assert.equal((await requestJson(b.baseUrl, 'GET', '/api/auth/me', { token: kept })).status, 200);
  });
});
