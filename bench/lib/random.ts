/**
 * Deterministic randomness for synthetic data: the same seed gives the same rows, ids and
 * timestamps on every run, so two benchmark runs measure the same database.
 */

/** sfc32: small, fast, good enough for test data (not for anything secret). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    // Spread the seed over 128 bits with a string hash (cyrb128).
    const s = String(seed);
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < s.length; i++) {
      const k = s.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    this.a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
    this.b = (h2 ^ h1) >>> 0;
    this.c = (h3 ^ h1) >>> 0;
    this.d = (h4 ^ h1) >>> 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A child generator for one part of the data, so adding a step never shifts another step's rows. */
  fork(label: string): Rng {
    return new Rng(`${this.u32()}:${label}`);
  }

  /** Splits `total` into `parts` positive integers that add up to it, each within ±spread of the mean. */
  split(total: number, parts: number, spread = 0.3): number[] {
    const weights = Array.from({ length: parts }, () => 1 - spread + this.next() * 2 * spread);
    const sum = weights.reduce((a, b) => a + b, 0);
    const out = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
    let rest = total - out.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) out[i]!++;
    return out;
  }
}

/**
 * UUIDv7-shaped ids (RFC 9562 layout, as server/platform/ids.ts makes them) from a fixed clock and
 * a seeded generator: 48-bit ms since `epochMs`, a 12-bit sequence, then seeded random bits. Ids sort
 * in creation order and are the same on every run.
 */
export class IdMaker {
  private ms: number;
  private seq = 0;

  constructor(
    private readonly rng: Rng,
    epochMs: number,
  ) {
    this.ms = epochMs;
  }

  next(): string {
    this.seq++;
    if (this.seq > 0xfff) {
      this.seq = 0;
      this.ms++;
    }
    const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
    const r1 = this.rng.u32();
    const r2 = this.rng.u32();
    const r3 = this.rng.u32();
    const msHex = hex(this.ms, 12);
    const variant = (0x8000 | (r1 & 0x3fff)) >>> 0;
    return `${msHex.slice(0, 8)}-${msHex.slice(8, 12)}-7${hex(this.seq, 3)}-${hex(variant, 4)}-${hex(r2 & 0xffff, 4)}${hex(r3, 8)}`;
  }
}

/** A fixed clock: ISO-8601 UTC text, moving forward a little for every row made. */
export class FixedClock {
  constructor(private ms: number) {}
  iso(stepMs = 1000): string {
    this.ms += stepMs;
    return new Date(this.ms).toISOString();
  }
}
