/**
 * GitHub's heading anchors (github-slugger): lower case, punctuation dropped except `-` and
 * `_`, spaces to `-`, and `-1`, `-2`… for repeats in document order. The report links its
 * overview rows to the queue sections through these, so the renderer's own ids must match.
 */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(headingText: string): string {
    const base = headingText
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? 0) + 1);
    if (count === undefined) return base;
    let candidate = `${base}-${count}`;
    while (this.seen.has(candidate)) candidate = `${candidate}-1`;
    this.seen.set(candidate, 1);
    return candidate;
  }
}
