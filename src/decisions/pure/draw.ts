// The 列席 random draw, reproducible by anyone from the published list and seed.
//
// Method (published with the result):
//   1. The list: every valid sign-up's public number, sorted ascending.
//   2. The seed: a text published before the draw (e.g. the date and a lottery result).
//   3. PRNG: xmur3 hash of the seed text → 32-bit state; mulberry32 generates numbers in [0, 1).
//   4. Fisher–Yates: for i from n−1 down to 1, j = floor(next() × (i + 1)), swap list[i] and list[j].
//   5. The first `seats` numbers of the shuffled list are selected, the rest in order are the reserve.
// The same seed and list always give the same result, on any machine (only 32-bit integer maths).

/** xmur3: a 32-bit hash of a string (UTF-16 code units). */
export function seedFromText(seed: string): number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/** mulberry32 over a 32-bit state: returns a function giving numbers in [0, 1). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The draw: `list` is sorted first; returns the whole shuffled order and the selected numbers. */
export function drawFromSeed(list: readonly number[], seed: string, seats: number): { order: number[]; selected: number[]; reserve: number[] } {
  const order = [...list].sort((a, b) => a - b);
  const next = mulberry32(seedFromText(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { order, selected: order.slice(0, seats), reserve: order.slice(seats) };
}
