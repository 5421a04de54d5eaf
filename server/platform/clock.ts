/** The one source of "now": tests move it (session timeouts, deadlines) without sleeping. */
let offsetMs = 0;

export const clock = {
  now: (): Date => new Date(Date.now() + offsetMs),
  iso: (): string => new Date(Date.now() + offsetMs).toISOString(),
  advance: (ms: number): void => {
    offsetMs += ms;
  },
  reset: (): void => {
    offsetMs = 0;
  },
};
