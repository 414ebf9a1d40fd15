import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrganizationRecord, RoundRecord, SubmissionRecord, ThreadRecord } from '../../server/storage/records.ts';
import { deadlineAt, organizationStandings } from '../../server/rounds/status.ts';
import { deadlineInstant, vietNamDate } from '../../server/rounds/deadline.ts';
import { threadRecord } from '../helpers/thread-record.ts';

const round: RoundRecord = {
  id: 'r1',
  documentId: 'd1',
  title: 'Lần 1',
  requestLetter: { number: '1/CV', date: '2026-03-01' },
  revisionId: 'rev1',
  deadline: '2026-03-10T16:59:59.999Z',
  organizations: ['a', 'b', 'c', 'd'],
  allInvited: false,
  ministriesSeeEachOther: false,
  state: 'open',
  openedBy: 'u1',
  openedAt: '2026-03-01T03:00:00.000Z',
  closedAt: null,
  history: [{ kind: 'opened', by: 'u1', at: '2026-03-01T03:00:00.000Z', from: null, to: '2026-03-10T16:59:59.999Z', reason: null }],
};
const orgs = new Map<string, OrganizationRecord>(['a', 'b', 'c', 'd'].map((id) => [id, { id, name: `Bộ ${id}`, shortName: id.toUpperCase(), kind: 'ministry' }]));

function thread(overrides: Partial<ThreadRecord>): ThreadRecord {
  return threadRecord({ id: 't', documentId: 'd1', organizationId: 'a', authorId: 'u1', sectionBlockId: 'h1', createdAt: '2026-03-02T00:00:00.000Z', updatedAt: '2026-03-02T00:00:00.000Z', ...overrides });
}

function submission(overrides: Partial<SubmissionRecord>): SubmissionRecord {
  return {
    id: 's',
    documentId: 'd1',
    organizationId: 'a',
    revisionId: 'rev1',
    documentNumber: '1/CV',
    date: '2026-03-03',
    signer: 'Thứ trưởng',
    noComments: false,
    attachment: null,
    threadIds: [],
    roundId: 'r1',
    createdBy: 'u1',
    createdAt: '2026-03-03T00:00:00.000Z',
    ...overrides,
  };
}

const statuses = (now: string, submissions: SubmissionRecord[], threads: ThreadRecord[], r = round) =>
  organizationStandings(r, Date.parse(now), orgs, submissions, threads).map((standing) => standing.row.status);

test('an oral comment during the round is its own kind of answer; before the round it does not count', () => {
  const oral = thread({ organizationId: 'b', source: 'oral', meeting: { name: 'Họp', date: '2026-03-04' }, createdAt: '2026-03-04T00:00:00.000Z' });
  const before = thread({ organizationId: 'c', createdAt: '2026-02-20T00:00:00.000Z' });
  assert.deepEqual(statuses('2026-03-05T00:00:00Z', [], [oral, before]), ['pending', 'oral', 'pending', 'pending']);
  assert.deepEqual(statuses('2026-03-12T00:00:00Z', [], [oral, before]), ['overdue', 'oral', 'overdue', 'overdue']);
});

test('a comment on the revision sent counts as preparing even if made before the round opened', () => {
  const early = thread({ organizationId: 'c', revisionId: 'rev1', createdAt: '2026-02-20T00:00:00.000Z' });
  assert.deepEqual(statuses('2026-03-05T00:00:00Z', [], [early]), ['pending', 'pending', 'preparing', 'pending']);
});

test('the latest response decides; submissions of another round or none are ignored', () => {
  const first = submission({ id: 's1', noComments: true, createdAt: '2026-03-03T00:00:00.000Z' });
  const correction = submission({ id: 's2', createdAt: '2026-03-04T00:00:00.000Z' });
  const otherRound = submission({ id: 's3', organizationId: 'b', roundId: 'r2' });
  const noRound = submission({ id: 's4', organizationId: 'c', roundId: null });
  const rows = organizationStandings(round, Date.parse('2026-03-05T00:00:00Z'), orgs, [correction, first, otherRound, noRound], []).map((s) => s.row);
  assert.deepEqual(rows.map((row) => [row.status, row.responses, row.response?.submissionId ?? null]), [
    ['responded', 2, 's2'],
    ['pending', 0, null],
    ['pending', 0, null],
    ['pending', 0, null],
  ]);
});

test('lateness is judged against the deadline in force when the response was filed', () => {
  const extended: RoundRecord = {
    ...round,
    deadline: '2026-03-20T16:59:59.999Z',
    history: [...round.history, { kind: 'extended', by: 'u1', at: '2026-03-15T00:00:00.000Z', from: round.deadline, to: '2026-03-20T16:59:59.999Z', reason: 'x' }],
  };
  assert.equal(deadlineAt(extended, '2026-03-12T00:00:00.000Z'), '2026-03-10T16:59:59.999Z');
  assert.equal(deadlineAt(extended, '2026-03-16T00:00:00.000Z'), '2026-03-20T16:59:59.999Z');
  const late = submission({ id: 'late', createdAt: '2026-03-12T00:00:00.000Z' });
  const timely = submission({ id: 'timely', organizationId: 'b', noComments: true, createdAt: '2026-03-16T00:00:00.000Z' });
  assert.deepEqual(statuses('2026-03-17T00:00:00Z', [late, timely], [], extended), ['responded_late', 'no_comments', 'pending', 'pending']);
});

test('a date-only deadline is the end of that day in Viet Nam; days are counted in Viet Nam', () => {
  assert.equal(deadlineInstant('2026-03-10'), '2026-03-10T16:59:59.999Z');
  assert.equal(deadlineInstant('2026-03-10T08:00:00+07:00'), '2026-03-10T01:00:00.000Z');
  assert.throws(() => deadlineInstant('2026-13-45x'), { code: 'ERR_VALIDATION' });
  assert.equal(vietNamDate('2026-03-10T16:59:59.999Z'), '2026-03-10');
  assert.equal(vietNamDate('2026-03-10T17:00:00.000Z'), '2026-03-11');
});

test('drafts make an organisation preparing without counting as comments; withdrawn drafts and other rounds do not', () => {
  const at = Date.parse('2026-03-05T00:00:00.000Z');
  const rows = organizationStandings(
    round,
    at,
    orgs,
    [submission({ id: 's-d', organizationId: 'd', roundId: 'r1', createdAt: '2026-03-04T00:00:00.000Z' })],
    [
      thread({ id: 'a1', organizationId: 'a', roundId: 'r1', draft: true }),
      thread({ id: 'b1', organizationId: 'b', roundId: 'r1', draft: true, status: 'withdrawn' }),
      thread({ id: 'c1', organizationId: 'c', roundId: 'r0', draft: true }),
      // Sent with d's response: a comment of the round, counted.
      thread({ id: 'd1', organizationId: 'd', roundId: 'r1', draft: false, submissionId: 's-d' }),
    ],
  );
  assert.deepEqual(
    rows.map((row) => [row.row.organization.id, row.row.status, row.row.commentCount, row.threads.map((counted) => counted.id)]),
    [
      ['a', 'preparing', 0, []],
      ['b', 'pending', 0, []],
      ['c', 'pending', 0, []],
      ['d', 'responded', 1, ['d1']],
    ],
  );
});
