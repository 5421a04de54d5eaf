/**
 * A generation number for everything a principal's reach is derived from (grants, tenants,
 * regions, station coverage). Writers bump it; caches compare it. Other processes (PostgreSQL
 * deployments with several instances) see changes after the caches' short TTL.
 */
let generation = 0;

export const accessChanged = (): void => {
  generation++;
};
export const accessGeneration = (): number => generation;

/** A small TTL cache that also drops everything when the access generation moves. */
export class ReachCache<V> {
  private readonly map = new Map<string, { gen: number; at: number; value: V }>();
  constructor(private readonly ttlMs: number) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.gen !== generation || Date.now() - hit.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    if (this.map.size > 10_000) this.map.clear();
    this.map.set(key, { gen: generation, at: Date.now(), value });
  }
}
