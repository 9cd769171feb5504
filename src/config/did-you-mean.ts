/**
 * "Did you mean …?" for misspelt keys, rule ids and service names. Plain Levenshtein
 * distance: the candidate lists are tiny (a dozen keys), so no index is needed.
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest candidate, or undefined when nothing is close enough to be a typo.
 * Case differences are free (`Rules` → `rules`) and prefixes count; otherwise allow about a third of the word
 * to differ, so `multiple-owner` finds `multiple-owners` but `foo` does not find `rules`.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  // A prefix either way is a strong hint (`warning` → `warn`, `multiple` → `multiple-owners`).
  if (needle.length >= 3) {
    const prefixed = candidates.find((c) => c.toLowerCase().startsWith(needle) || needle.startsWith(c.toLowerCase()));
    if (prefixed !== undefined) return prefixed;
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = levenshtein(needle, candidate.toLowerCase());
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or '' — meant to be appended to a sentence. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}
