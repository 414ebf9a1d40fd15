import type { FastifyRequest } from 'fastify';
import { Errors } from '../errors.ts';

/**
 * Where the first string that is not well-formed Unicode (a lone UTF-16 surrogate, which
 * JSON's `\ud800` escapes can carry) sits in `value`, as a path like `body.items.0.body`,
 * or null when every string and key is well-formed. Walks iteratively, so a deeply nested
 * body cannot overflow the stack.
 */
export function findIllFormedString(value: unknown, root: string): string | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    if (typeof next.value === 'string') {
      if (!next.value.isWellFormed()) return next.path;
    } else if (ArrayBuffer.isView(next.value)) {
      // A raw upload (a .docx body): bytes, not text.
      continue;
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item: unknown, index) => pending.push({ value: item, path: `${next.path}.${index}` }));
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, item] of Object.entries(next.value)) {
        if (!key.isWellFormed()) return next.path;
        pending.push({ value: item, path: `${next.path}.${key}` });
      }
    }
  }
  return null;
}

/**
 * preValidation hook: refuses (400 `ERR_VALIDATION`) a request whose body, query or
 * parameters hold a string that is not well-formed Unicode, so no such text is ever stored
 * (it would break NFC normalisation, exports and `encodeURIComponent`).
 */
export async function refuseIllFormedUnicode(request: FastifyRequest): Promise<void> {
  const where =
    findIllFormedString(request.params, 'params') ?? findIllFormedString(request.query, 'querystring') ?? findIllFormedString(request.body, 'body');
  if (where !== null) throw new Errors.Validation(`${where} is not well-formed Unicode (a lone surrogate)`);
}

/** `text` with every lone surrogate replaced by U+FFFD, for output built from stored text. */
export function wellFormed(text: string): string {
  return text.toWellFormed();
}
