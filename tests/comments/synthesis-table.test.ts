import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSynthesis, commentCell, type SynthesisInput } from '../../server/comments/synthesis/table.ts';
import type { PublicThread } from '../../server/comments/schemas.ts';
import { preambleSentences } from '../../server/comments/synthesis/preamble.ts';
import { placeDateLine } from '../../server/comments/synthesis/dates.ts';
import { sectionPlaces } from '../../document-model/section-paths.ts';
import type { SubmissionRecord } from '../../server/storage/records.ts';

const ORGS = ['bo-a', 'bo-b', 'bo-c', 'bo-d', 'bo-e', 'bo-f'];
const person = (id: string) => ({ id, displayName: `Người ${id}` });

/** A thread as the API presents it, with `overrides`. */
function buildThread(overrides: Partial<PublicThread> & { id: string }): PublicThread {
  return {
    documentId: 'd1',
    organization: { id: 'bo-a', name: 'Bộ A', shortName: 'BA' },
    author: person('u-a'),
    source: 'inline',
    anchor: { start: 'AA==', end: 'AA==', quote: 'đoạn', blockId: 'p1' },
    sectionBlockId: null,
    position: { status: 'active', text: 'đoạn', blockId: 'p1', sectionId: 'h1', sectionNumber: '1.', sectionTitle: 'Thực trạng', order: 1 },
    revisionId: null,
    submissionId: null,
    roundId: null,
    draft: false,
    meeting: null,
    status: 'open',
    explanation: null,
    decidedBy: null,
    decidedAt: null,
    history: [],
    setAside: null,
    anchorHistory: [],
    comments: [{ id: 'c1', author: person('u-a'), body: 'Góp ý.', createdAt: '2026-11-01T00:00:00.000Z' }],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    proposal: null,
    ...overrides,
  };
}

function input(threads: PublicThread[], submissions: SubmissionRecord[] = []): SynthesisInput {
  return {
    documentTitle: 'Chiến lược',
    version: 'Bản hiện hành',
    round: null,
    draftingBody: 'Tổ biên soạn',
    place: 'Hà Nội',
    issuedAt: new Date('2026-12-02T03:00:00Z'),
    sections: sectionPlaces([
      { pos: 0, level: 1, number: 'Phần I', text: 'Bối cảnh', id: 'p1h' },
      { pos: 1, level: 2, number: '1.', text: 'Thực trạng', id: 'h1' },
      { pos: 2, level: 1, number: 'Phần II', text: 'Quan điểm', id: 'p2h' },
      { pos: 3, level: 2, number: '1.', text: 'Thực trạng', id: 'h2' },
    ]),
    invited: ORGS.slice(0, 4).map((id) => ({ id, name: `Bộ ${id.slice(3).toUpperCase()}` })),
    organizationNames: new Map(ORGS.map((id) => [id, `Bộ ${id.slice(3).toUpperCase()}`])),
    submissions,
    threads,
    officerOrganization: (userId) => (userId.startsWith('u-') ? `bo-${userId.slice(2)}` : null),
  };
}

test('proposed wording is part of the organisation’s comment, and says when it was applied', () => {
  const synthesis = buildSynthesis(input([
    buildThread({ id: 't1', proposal: { text: 'Tăng cường hợp tác quốc tế.', appliedAt: '2026-11-02T00:00:00.000Z', appliedBy: person('u-s'), diff: [] } }),
    buildThread({ id: 't2', proposal: { text: 'Bổ sung nguồn lực.', appliedAt: null, appliedBy: null, diff: [] } }),
    buildThread({ id: 't3', proposal: null }),
  ]));
  const rows = synthesis.groups.flatMap((group) => group.rows);
  assert.deepEqual(rows.map(commentCell), [
    'Góp ý.\nĐề nghị sửa thành: “Tăng cường hợp tác quốc tế.” (đã cập nhật vào dự thảo)',
    'Góp ý.\nĐề nghị sửa thành: “Bổ sung nguồn lực.”',
    'Góp ý.',
  ]);
});

test('the paths of sections with the same number and title in different parts stay apart', () => {
  const places = input([]).sections;
  assert.equal(places.get('h1')?.path, 'Phần I › 1. Thực trạng');
  assert.equal(places.get('h2')?.path, 'Phần II › 1. Thực trạng');
  assert.ok((places.get('h1')?.order ?? 0) < (places.get('h2')?.order ?? 0));
});

test('the place-and-date line takes the date in Việt Nam with the decree’s leading zeros', () => {
  assert.equal(placeDateLine('Hà Nội', new Date('2026-12-31T18:00:00Z')), 'Hà Nội, ngày 01 tháng 01 năm 2027');
  assert.equal(placeDateLine('Hà Nội', new Date('2026-03-15T03:00:00Z')), 'Hà Nội, ngày 15 tháng 3 năm 2026');
  assert.equal(placeDateLine('Đà Nẵng', new Date('2026-02-09T03:00:00Z')), 'Đà Nẵng, ngày 09 tháng 02 năm 2026');
});

test('on random consultations the preamble’s counts always equal its lists and the table’s rows', () => {
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  for (let round = 0; round < 200; round++) {
    const threads = Array.from({ length: Math.floor(random() * 12) }, (_, index) => {
      const org = random() < 0.2 ? null : pick(ORGS);
      return buildThread({
        id: `t${index}`,
        organization: org === null ? null : { id: org, name: `Bộ ${org.slice(3).toUpperCase()}`, shortName: org },
        source: pick(['inline', 'oral', 'written'] as const),
        meeting: random() < 0.3 ? { name: 'Hội nghị', date: '2026-11-20' } : null,
        status: pick(['open', 'accepted', 'withdrawn', 'not_accepted'] as const),
        setAside: random() < 0.25 ? { reason: pick(['duplicate', 'out_of_scope', 'other'] as const), duplicateOf: null, note: '', by: person('admin'), at: '2026-11-02T00:00:00.000Z' } : null,
        position: { status: 'active', text: 'x', blockId: 'p', sectionId: pick(['h1', 'h2', null, 'gone']), sectionNumber: null, sectionTitle: null, order: index },
      });
    });
    const submissions: SubmissionRecord[] = Array.from({ length: Math.floor(random() * 3) }, (_, index) => ({
      id: `s${index}`, documentId: 'd1', organizationId: pick(ORGS), revisionId: null, documentNumber: `${index}/X`, date: '2026-11-18',
      signer: 'A', noComments: random() < 0.5, attachment: null, threadIds: [], createdBy: 'admin', createdAt: '2026-11-18T00:00:00.000Z',
    }));
    const synthesis = buildSynthesis(input(threads, submissions));
    const { preamble } = synthesis;
    const rows = synthesis.groups.flatMap((group) => group.rows);
    assert.equal(preamble.consulted, preamble.withComments.length + preamble.noComments.length + preamble.notReplied.length);
    assert.equal(preamble.comments.inTable, rows.length);
    assert.equal(preamble.comments.total, preamble.comments.inTable + preamble.comments.setAside);
    assert.equal(preamble.comments.setAside, preamble.comments.duplicate + preamble.comments.outOfScope + preamble.comments.other);
    assert.deepEqual(rows.map((row) => row.index), rows.map((_row, index) => index + 1));
    const names = [...preamble.withComments.map((entry) => entry.organization), ...preamble.noComments.map((entry) => entry.organization), ...preamble.notReplied];
    assert.equal(new Set(names).size, names.length, 'each organisation in one list');
    const sentences = preambleSentences(preamble).join(' ');
    assert.ok(sentences.startsWith(`Đã lấy ý kiến ${preamble.consulted} cơ quan`));
    // Groups follow document order, each section once.
    const ids = synthesis.groups.map((group) => group.sectionId);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, [...ids].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))));
  }
});
