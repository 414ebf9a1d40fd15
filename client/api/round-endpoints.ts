import type { ClientShapes } from '../../server/http/client-shapes.ts';
import type { CreateRoundBody } from '../../server/rounds/schemas.ts';
import { apiRequest } from './http.ts';
import { parseList } from './records.ts';
import { narrowShape } from './shapes.ts';

/** Typed calls of the consultation round routes; each resolves with narrowed data. */

/** A round as listed. */
export type Round = ClientShapes['Round'];
/** A round with every organisation's status (a ministry: its own row). */
export type RoundWithStatuses = ClientShapes['RoundWithStatuses'];
/** The dashboard data of a round. */
export type RoundDashboard = ClientShapes['RoundDashboard'];
/** One organisation's row of a round. */
export type RoundRow = RoundDashboard['organizations'][number];
/** An organisation's status in a round. */
export type OrganizationStatus = RoundRow['status'];
/** What a round carries over from the previous one. */
export type CarryOver = ClientShapes['CarryOver'];
/** What the secretariat sends to open a round. */
export type NewRound = CreateRoundBody;

function roundsBase(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/rounds`;
}

function roundBase(documentId: string, roundId: string): string {
  return `${roundsBase(documentId)}/${encodeURIComponent(roundId)}`;
}

const withStatuses = (body: unknown): RoundWithStatuses => narrowShape('RoundWithStatuses', body, 'round');

/** The document's rounds the person may see, newest first. */
export function listRounds(documentId: string): Promise<Round[]> {
  return apiRequest(roundsBase(documentId), (body) => parseList(body, (item) => narrowShape('Round', item, 'round')));
}

/** Opens a round (secretariat). */
export function openRound(documentId: string, round: NewRound): Promise<RoundWithStatuses> {
  return apiRequest(roundsBase(documentId), withStatuses, { method: 'POST', body: round });
}

/** One round with its statuses. */
export function fetchRound(documentId: string, roundId: string): Promise<RoundWithStatuses> {
  return apiRequest(roundBase(documentId, roundId), withStatuses);
}

/** Moves the deadline later (`deadline`: `YYYY-MM-DD`, the end of that day in Viet Nam), with a reason. */
export function extendRound(documentId: string, roundId: string, deadline: string, reason: string): Promise<RoundWithStatuses> {
  return apiRequest(`${roundBase(documentId, roundId)}/extend`, withStatuses, { method: 'POST', body: { deadline, reason } });
}

/** Closes the round. */
export function closeRound(documentId: string, roundId: string): Promise<RoundWithStatuses> {
  return apiRequest(`${roundBase(documentId, roundId)}/close`, withStatuses, { method: 'POST', body: {} });
}

/** The round's dashboard data. */
export function fetchRoundDashboard(documentId: string, roundId: string): Promise<RoundDashboard> {
  return apiRequest(`${roundBase(documentId, roundId)}/dashboard`, (body) => narrowShape('RoundDashboard', body, 'dashboard'));
}

/** The previous round and its decisions, as this round carries them. */
export function fetchCarryOver(documentId: string, roundId: string): Promise<CarryOver> {
  return apiRequest(`${roundBase(documentId, roundId)}/carry-over`, (body) => narrowShape('CarryOver', body, 'carry-over'));
}

/** URL of the round's synthesis table download. */
export function roundSynthesisUrl(documentId: string, roundId: string, format: 'docx' | 'csv'): string {
  return `/api/documents/${encodeURIComponent(documentId)}/synthesis.${format}?${new URLSearchParams({ roundId }).toString()}`;
}
