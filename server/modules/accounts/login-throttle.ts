/**
 * Counts failed logins per username and per IP in a sliding window. Beyond the limit the
 * caller gets 429 until the window passes, whether the password is then right or wrong,
 * so guessing cannot be sped up by spreading attempts over accounts or addresses.
 */
export class LoginThrottle {
  private readonly fails = new Map<string, number[]>();
  constructor(
    private readonly perUser: number,
    private readonly perIp: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.fails.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.fails.delete(key);
    else this.fails.set(key, list);
    return list;
  }

  blocked(username: string, ip: string, now = Date.now()): boolean {
    return (
      this.recent(`u:${username}`, now).length >= this.perUser ||
      this.recent(`i:${ip}`, now).length >= this.perIp
    );
  }

  fail(username: string, ip: string, now = Date.now()): void {
    if (this.fails.size > 50_000) this.fails.clear();
    for (const key of [`u:${username}`, `i:${ip}`]) this.fails.set(key, [...this.recent(key, now), now]);
  }

  succeed(username: string): void {
    this.fails.delete(`u:${username}`);
  }
}
