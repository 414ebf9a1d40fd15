/**
 * Base64 for the bytes of Yjs relative positions and attachments, with the browser's
 * `btoa`/`atob` (also global in Node, so the helpers are tested there). Standard alphabet
 * with padding, as the server's schema expects.
 */

/** Encodes `bytes` as standard base64 (empty input gives ""). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short for large files.
  const chunk = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + chunk));
  }
  return btoa(binary);
}

/** Decodes standard base64; null when `text` is not valid base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/**
 * The base64 payload of a `data:` URL as FileReader's `readAsDataURL` gives it
 * (`data:<type>;base64,<payload>`); null for anything else.
 */
export function dataUrlPayload(dataUrl: string): string | null {
  const match = /^data:[^,]*;base64,([A-Za-z0-9+/=]*)$/.exec(dataUrl);
  return match?.[1] ?? null;
}
