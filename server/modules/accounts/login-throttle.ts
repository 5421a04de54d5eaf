/**
 * Failed-login throttling after ASVS 5.0 §6.3 (and §6.1.1: controls that cannot be turned into a
 * malicious lockout). Failures are counted in a sliding window on three keys:
 *
 * - **account × address**: after `perPair` failures that account is locked *for that address*
 *   until the window passes (429, even for the right password) — a guesser at one address stops;
 * - **address**: after `perAddress` failures over any accounts the address is locked — guessing
 *   across many accounts (spraying) stops;
 * - **account** over every address: never a lockout, only a slowdown. From the `slowAfter`th
 *   failure on, every login attempt for the account waits `baseMs`, doubling per failure up to
 *   `maxMs`. A guesser spread over many addresses is slowed; the real user, at an address that
 *   has not failed, still signs in — after at most `maxMs`. An outsider can no longer stop anyone
 *   from signing in by typing their username wrong five times.
 *
 * The per-route rate limit (LOGIN_MAX_PER_MINUTE per address) stays in front of all of this.
 * Counts live in memory (one process); they are bounded, dropping the least recently failed keys.
 */
export interface ThrottleLimits {
  perPair: number;
  perAddress: number;
  slowAfter: number;
  baseMs: number;
  maxMs: number;
  windowMs: number;
  /** How many keys are kept at most (each holds a few timestamps). */
  maxKeys?: number;
}

export class LoginThrottle {
  private readonly fails = new Map<string, number[]>();
  private readonly keep: Record<'p' | 'i' | 'u', number>;

  constructor(private readonly limits: ThrottleLimits) {
    // Beyond these counts nothing changes (locked, or the delay at its cap): keep no more.
    const doublings = Math.ceil(Math.log2(Math.max(1, limits.maxMs / Math.max(1, limits.baseMs)))) + 1;
    this.keep = { p: limits.perPair, i: limits.perAddress, u: limits.slowAfter + doublings };
  }

  private recent(key: string, now: number): number[] {
    const list = this.fails.get(key);
    if (!list) return [];
    const live = list.filter((t) => now - t < this.limits.windowMs);
    if (live.length === 0) this.fails.delete(key);
    else if (live.length !== list.length) this.fails.set(key, live);
    return live;
  }

  private add(kind: 'p' | 'i' | 'u', key: string, now: number): void {
    const full = `${kind}:${key}`;
    const list = [...this.recent(full, now), now].slice(-this.keep[kind]);
    this.fails.delete(full); // re-inserted last: the map's order is least recently failed first
    this.fails.set(full, list);
    const max = this.limits.maxKeys ?? 100_000;
    if (this.fails.size > max) {
      for (const k of this.fails.keys()) {
        if (this.fails.size <= max) break;
        this.fails.delete(k);
      }
    }
  }

  /** 429 before any password check: this account from this address, or this address, failed too often. */
  blocked(username: string, ip: string, now: number): boolean {
    return (
      this.recent(`p:${username}\u0000${ip}`, now).length >= this.limits.perPair ||
      this.recent(`i:${ip}`, now).length >= this.limits.perAddress
    );
  }

  /** How long an attempt for this account waits first (0 until `slowAfter` failures; capped). */
  delayMs(username: string, now: number): number {
    const n = this.recent(`u:${username}`, now).length;
    if (n < this.limits.slowAfter) return 0;
    return Math.min(this.limits.maxMs, this.limits.baseMs * 2 ** (n - this.limits.slowAfter));
  }

  fail(username: string, ip: string, now: number): void {
    this.add('p', `${username}\u0000${ip}`, now);
    this.add('i', ip, now);
    this.add('u', username, now);
  }

  /** A right password clears its own address's count for the account; the account-wide count decays by itself. */
  succeed(username: string, ip: string): void {
    this.fails.delete(`p:${username}\u0000${ip}`);
  }
}
