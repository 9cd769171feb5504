// Deterministic randomness and identifier helpers for the generator. No Math.random, no Date.

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Same seed ⇒ same sequence. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** k distinct items, in list order. */
    sample: (list, k) => {
      const idx = list.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx.slice(0, Math.min(k, list.length)).sort((x, y) => x - y).map((i) => list[i]);
    },
    /** A child generator, so one part of the plan does not shift the sequence of another. */
    fork: (salt) => createRng((Math.imul(a ^ salt, 2654435761) + salt) >>> 0),
  };
  return rng;
}

const words = (s) => s.split(/[^A-Za-z0-9]+/).filter(Boolean);

export const pascal = (s) => words(s).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
export const camel = (s) => {
  const p = pascal(s);
  return p[0].toLowerCase() + p.slice(1);
};
export const upperSnake = (s) => words(s).map((w) => w.toUpperCase()).join('_');

/** Hands out unique strings: `base`, then `base2`, `base3`… (separator configurable). */
export function createUniquer(sep = '') {
  const used = new Map();
  return (base) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}${sep}${n}`;
  };
}

/** Relative module specifier from one file to another, without extension ("./x", "../a/b"). */
export function relSpecifier(fromFile, toFile) {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.replace(/\.ts$/, '').split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const ups = from.length - i;
  const rest = to.slice(i).join('/');
  return ups === 0 ? `./${rest}` : `${'../'.repeat(ups)}${rest}`;
}
