/**
 * Comparison engine: what changed between two versions of an outline, section by section
 * and word by word. Pure functions over `Y.Doc`s; results are plain JSON.
 */
export { extractBlocks } from './extract.ts';
export { compareDocuments, compareBlocks, DEFAULT_MAX_EDIT_LENGTH, DEFAULT_MAX_TOKENS_PER_BLOCK } from './compare.ts';
export { SIMILARITY_THRESHOLD } from './match.ts';
export { withoutUnchangedText } from './omit-unchanged.ts';
export { countWords, tokenize } from './tokens.ts';
export type { CompareOptions, OutlineBlock } from './types.ts';
export type {
  BlockChange,
  BlockKind,
  ChangeKind,
  ChangeStatus,
  Comparison,
  ComparisonSummary,
  ListKind,
  RedlineOp,
  SectionChange,
  StatusCounts,
} from './comparison-schema.ts';
