/**
 * Thrown when a connection asks for a document that does not exist in the records. The only
 * load failure that is final (4404); every other one is transient (4503, the client retries).
 */
export class DocumentMissingError extends Error {
  override name = 'DocumentMissingError';
  constructor(readonly documentId: string) {
    super(`document ${documentId} does not exist`);
  }
}
