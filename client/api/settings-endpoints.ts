import type { ClientShapes } from '../../server/http/client-shapes.ts';
import { apiRequest } from './http.ts';
import { narrowShape } from './shapes.ts';

/** The names of the drafting body and the secretariat. */
export type Terminology = ClientShapes['Terminology'];

/** The names in force (public: no session needed). */
export function fetchTerminology(): Promise<Terminology> {
  return apiRequest('/api/settings/terminology', (body) => narrowShape('Terminology', body), { redirectOnUnauthorized: false });
}

/** Changes the names (secretariat only); returns the names now in force. */
export function updateTerminology(changes: Partial<Terminology>): Promise<Terminology> {
  return apiRequest('/api/settings/terminology', (body) => narrowShape('Terminology', body), { method: 'PUT', body: changes });
}
