import assert from 'node:assert/strict';
import { requestJson, type TestServer } from '../helpers/server.ts';

/** The two organisations every round test adds to seventeen seeded ones, and one kept out of the round. */
const ADDED = [
  ['Ủy ban Dân tộc thử nghiệm', 'UBDTTN'],
  ['Viện Chiến lược thử nghiệm', 'VCLTN'],
] as const;
const OUTSIDER = ['Cơ quan ngoài đợt', 'CQND'] as const;

/**
 * The nineteen organisations of a round (seventeen of the seeded ones — the seed may hold more —
 * and two created through the API), and, when `withOutsider`, one more created that the round
 * will not consult.
 */
export async function roundOrganizations(server: TestServer, adminToken: string, withOutsider = false): Promise<{ organizations: string[]; outsider: string | null }> {
  const seeded = (await requestJson(server.baseUrl, 'GET', '/api/organizations', { token: adminToken })).body as Array<{ id: string }>;
  const organizations = seeded.slice(0, 17).map((org) => org.id);
  const create = async ([name, shortName]: readonly [string, string]): Promise<string> => {
    const created = await requestJson(server.baseUrl, 'POST', '/api/organizations', { token: adminToken, body: { name, shortName, kind: 'other' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return (created.body as { id: string }).id;
  };
  for (const added of ADDED) organizations.push(await create(added));
  assert.equal(organizations.length, 19);
  return { organizations, outsider: withOutsider ? await create(OUTSIDER) : null };
}
