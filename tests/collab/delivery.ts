import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { waitFor, type TestClient } from '../helpers/clients.ts';

/** A y-websocket sync update message carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * A tiny update by client `clientId` whose dependency (the client's first insertion) is never
 * sent: a server cannot integrate it until that first insertion arrives, which it never does.
 */
export function orphanUpdate(clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const text = doc.getText('orphans');
  text.insert(0, 'a');
  const before = Y.encodeStateVector(doc);
  text.insert(1, 'b');
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** Edit-delivery latencies between two honest clients, in milliseconds. */
export interface DeliveryProbe {
  /** Latencies of the edits delivered so far. */
  latencies: number[];
  /** Stops probing and resolves once the probe loop has ended. */
  stop(): Promise<void>;
}

/**
 * Repeatedly types a marker into `from`'s paragraph and measures how long `to` takes to see it
 * (one edit in flight at a time, at most `maxEdits`). An edit not seen in `timeoutMs` rejects
 * the loop's promise, which `stop` then throws.
 */
export function probeDelivery(from: TestClient, to: TestClient, options: { maxEdits?: number; timeoutMs?: number; pauseMs?: number } = {}): DeliveryProbe {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    const fromText = paragraphText(from);
    for (let i = 0; running && i < (options.maxEdits ?? 500); i++) {
      const marker = `[${i}]`;
      const start = performance.now();
      fromText.insert(fromText.length, marker);
      await waitFor(() => paragraphText(to).toString().includes(marker), `edit ${i} delivered`, options.timeoutMs ?? 30_000);
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 20));
    }
  })();
  return {
    latencies,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** The text of the first paragraph of a client's fragment, created by the caller beforehand. */
function paragraphText(client: TestClient): Y.XmlText {
  const paragraph = client.fragment.get(0);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error('the document has no first paragraph');
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('the first paragraph has no text');
  return text;
}

/** Adds the paragraph `probeDelivery` types into, and waits until `to` has it. */
export async function seedParagraph(from: TestClient, to: TestClient): Promise<void> {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('')]);
  from.fragment.insert(0, [paragraph]);
  await waitFor(() => to.fragment.length > 0 && to.fragment.get(0) instanceof Y.XmlElement, 'paragraph delivered');
}

/** The value at quantile `q` (0–1) of `values`, or NaN when empty. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
