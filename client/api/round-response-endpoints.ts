import type { ClientShapes } from '../../server/http/client-shapes.ts';
import { apiRequest } from './http.ts';
import { parseList } from './records.ts';
import { narrowShape } from './shapes.ts';

/** A consultation round as `GET /api/documents/:id/rounds` lists it (see `CLIENT_SHAPES.Round`). */
export type Round = ClientShapes['Round'];

/**
 * The rounds of a document the user may read, newest first (a ministry officer: only the
 * rounds consulting their organisation), for the organisation's response panel.
 */
export function listRoundsForResponse(documentId: string): Promise<Round[]> {
  return apiRequest(`/api/documents/${encodeURIComponent(documentId)}/rounds`, (body) => parseList(body, (item) => narrowShape('Round', item, 'round')));
}
