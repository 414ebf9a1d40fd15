/**
 * Renders only the rows in view (plus a margin) of a long list in a scrolling container,
 * so a desk of 2,000 threads costs what ~30 rows cost. Every row has the same height except
 * at most one unfolded row, whose height is measured; rows are absolutely positioned inside
 * a body as tall as the whole list. Rows whose content did not change (same `key`) keep
 * their element, so a focused editor inside one survives scrolling and re-renders.
 */

/** What the list needs from the page. */
export interface VirtualSource {
  count(): number;
  /** A key that changes whenever row `index`'s content does. */
  key(index: number): string;
  render(index: number): HTMLElement;
  /** The index of the unfolded row, or -1. */
  expanded(): number;
}

/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 8;

/** A virtualised list bound to `scroller` (which must have a fixed height and `overflow: auto`). */
export class VirtualRows {
  private readonly body: HTMLElement;
  private readonly shown = new Map<string, { element: HTMLElement; index: number }>();
  private expandedHeight = 0;

  constructor(private readonly scroller: HTMLElement, private readonly source: VirtualSource, private readonly rowHeight: number) {
    this.body = document.createElement('div');
    this.body.className = 'virtual-rows';
    this.body.style.position = 'relative';
    scroller.append(this.body);
    scroller.addEventListener('scroll', () => this.render(), { passive: true });
  }

  /** Extra height of the unfolded row beyond a normal one. */
  private extra(): number {
    return this.source.expanded() >= 0 ? Math.max(0, this.expandedHeight - this.rowHeight) : 0;
  }

  /** Top offset of row `index`. */
  top(index: number): number {
    const expanded = this.source.expanded();
    return index * this.rowHeight + (expanded >= 0 && index > expanded ? this.extra() : 0);
  }

  /** Height of row `index`. */
  height(index: number): number {
    return index === this.source.expanded() ? Math.max(this.rowHeight, this.expandedHeight) : this.rowHeight;
  }

  /** The row at vertical offset `y`. */
  private indexAt(y: number): number {
    const expanded = this.source.expanded();
    if (expanded >= 0 && y >= this.top(expanded)) {
      const after = this.top(expanded) + this.height(expanded);
      return y < after ? expanded : expanded + 1 + Math.floor((y - after) / this.rowHeight);
    }
    return Math.floor(y / this.rowHeight);
  }

  /** Draws the rows in view; call after data, order or state changed. */
  render(): void {
    const count = this.source.count();
    const first = Math.max(0, this.indexAt(this.scroller.scrollTop) - OVERSCAN);
    const last = Math.min(count - 1, this.indexAt(this.scroller.scrollTop + this.scroller.clientHeight) + OVERSCAN);
    const wanted = new Map<string, number>();
    for (let index = first; index <= last; index++) wanted.set(this.source.key(index), index);
    for (const [key, entry] of this.shown) {
      if (!wanted.has(key)) {
        entry.element.remove();
        this.shown.delete(key);
      }
    }
    const expanded = this.source.expanded();
    for (const [key, index] of wanted) {
      let entry = this.shown.get(key);
      if (!entry) {
        entry = { element: this.source.render(index), index };
        entry.element.style.position = 'absolute';
        entry.element.style.left = '0';
        entry.element.style.right = '0';
        this.body.append(entry.element);
        this.shown.set(key, entry);
      }
      entry.index = index;
      if (index === expanded) this.expandedHeight = entry.element.offsetHeight;
      else entry.element.style.height = `${this.rowHeight}px`;
      if (index === expanded) entry.element.style.height = '';
    }
    for (const entry of this.shown.values()) entry.element.style.top = `${this.top(entry.index)}px`;
    this.body.style.height = `${count === 0 ? 0 : this.top(count - 1) + this.height(count - 1)}px`;
  }

  /** Scrolls just enough for row `index` to be fully in view. */
  reveal(index: number): void {
    const top = this.top(index);
    const bottom = top + this.height(index);
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (bottom > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = bottom - this.scroller.clientHeight;
    this.render();
  }
}
