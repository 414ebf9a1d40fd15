/**
 * Name of the `Y.XmlFragment` that holds an outline's content in its Yjs document. The editor
 * binds ProseMirror to it and the server reads and writes it; part of the public interface
 * (an outside Yjs client reads the same fragment), so it never changes.
 */
export const CONTENT_FRAGMENT = 'prosemirror';
