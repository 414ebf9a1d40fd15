import type { CompareResponse, VersionInfo } from '../../server/revisions/schemas.ts';
import type { Comparison } from '../../server/revisions/compare/comparison-schema.ts';
import { narrowShape } from './shapes.ts';

/**
 * The structured comparison of two versions, as `GET /api/documents/:id/compare` answers it
 * (the server's types), and its guard. Unknown statuses or op kinds are errors: the views
 * could not show them truthfully.
 */

export type {
  BlockChange,
  ChangeKind,
  ChangeStatus,
  Comparison,
  ComparisonSummary,
  RedlineOp,
  SectionChange,
  StatusCounts,
} from '../../server/revisions/compare/comparison-schema.ts';
export type { VersionInfo };
/** The answer of `GET /api/documents/:id/compare`. */
export type CompareResult = CompareResponse;

/** Narrows a comparison. */
export const parseComparison = (value: unknown): Comparison => narrowShape('Comparison', value, 'comparison');

/** Narrows the answer of `GET /api/documents/:id/compare`. */
export const parseCompareResult = (value: unknown): CompareResult => narrowShape('CompareResult', value, 'compare');
