/** A small seeded PRNG (sfc32) so seeded scenarios are the same on every run and machine. */
export interface Random {
  next(): number; // uint32
  int(below: number): number;
  bytes(count: number): Buffer;
}

export function seededRandom(seed: number): Random {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i += 1) next();
  return {
    next,
    int: (below) => next() % below,
    bytes(count) {
      const out = Buffer.allocUnsafe(count);
      for (let i = 0; i < count; i += 4) out.writeUInt32LE(next(), i);
      return out.subarray(0, count);
    },
  };
}
