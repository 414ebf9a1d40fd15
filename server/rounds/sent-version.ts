import { resolveAnchor } from '../comments/anchors.ts';
import type { ThreadAnchor } from '../comments/schemas.ts';
import type { RevisionService } from '../revisions/service.ts';
import type { RoundRecord } from '../storage/records.ts';

/**
 * The revision a comment made in `round` is filed on when it names none: the version the
 * round sent, if the passage's words are in it (its relative positions or its quote resolve
 * there); null for a passage the drafting group wrote after that version, which exists only in
 * the live draft. A comment on a whole section is on the version sent.
 */
export async function sentVersionOf(revisions: RevisionService, round: RoundRecord, anchor: ThreadAnchor | null): Promise<string | null> {
  if (anchor === null) return round.revisionId;
  const { doc } = await revisions.load(round.documentId, round.revisionId);
  try {
    const position = resolveAnchor(doc, anchor);
    return position.status === 'active' && position.text.normalize('NFC') === anchor.quote.normalize('NFC') ? round.revisionId : null;
  } finally {
    doc.destroy();
  }
}
