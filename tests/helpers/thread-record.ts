import type { ThreadRecord } from '../../server/storage/records.ts';

/**
 * A stored thread for tests that write the store directly: an open inline comment with no
 * passage, section, decision, history or comments unless `fields` gives them; updated when
 * created. Optional fields (version, proposal, round, draft) are set only when given.
 */
export function threadRecord(fields: Pick<ThreadRecord, 'id' | 'documentId' | 'authorId' | 'createdAt'> & Partial<ThreadRecord>): ThreadRecord {
  return {
    organizationId: null,
    source: 'inline',
    anchor: null,
    sectionBlockId: null,
    revisionId: null,
    submissionId: null,
    meeting: null,
    status: 'open',
    explanation: null,
    decidedBy: null,
    decidedAt: null,
    history: [],
    comments: [],
    updatedAt: fields.createdAt,
    ...fields,
  };
}
