import { describe, expect, it } from 'vitest';
import { LoginThrottle, type ThrottleLimits } from './login-throttle';

const LIMITS: ThrottleLimits = {
  perPair: 5,
  perAddress: 30,
  slowAfter: 5,
  baseMs: 500,
  maxMs: 5_000,
  windowMs: 60_000,
};

describe('login throttle (ASVS 5.0 §6.3; issue 9 finding 7)', () => {
  it('locks an account only for the address that failed, and frees it after the window', () => {
    const t = new LoginThrottle(LIMITS);
    for (let i = 0; i < 4; i++) t.fail('zhang', '1.1.1.1', 1000 + i);
    expect(t.blocked('zhang', '1.1.1.1', 2000)).toBe(false);
    t.fail('zhang', '1.1.1.1', 2000);
    expect(t.blocked('zhang', '1.1.1.1', 2001)).toBe(true);
    // The real user elsewhere, and another account here, are not locked.
    expect(t.blocked('zhang', '2.2.2.2', 2001)).toBe(false);
    expect(t.blocked('li', '1.1.1.1', 2001)).toBe(false);
    expect(t.blocked('zhang', '1.1.1.1', 70_000)).toBe(false);
  });

  it('never locks an account out across addresses: it only slows down, progressively and capped', () => {
    const t = new LoginThrottle(LIMITS);
    const delays: number[] = [];
    // An outsider fails from 40 addresses, 5 times each: 200 failures in the window.
    for (let a = 0; a < 40; a++) {
      for (let i = 0; i < 5; i++) {
        delays.push(t.delayMs('admin', 1000));
        t.fail('admin', `10.0.${a}.1`, 1000);
      }
    }
    expect(delays.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(delays.slice(5, 10)).toEqual([500, 1000, 2000, 4000, 5000]);
    expect(Math.max(...delays)).toBe(5000);
    // The real user's own address is not blocked; the wait is the cap at most.
    expect(t.blocked('admin', '192.168.1.20', 1001)).toBe(false);
    expect(t.delayMs('admin', 1001)).toBe(5000);
    // Slowdown ends with the window.
    expect(t.delayMs('admin', 62_000)).toBe(0);
  });

  it('locks an address that guesses across many accounts', () => {
    const t = new LoginThrottle({ ...LIMITS, perAddress: 10 });
    for (let i = 0; i < 10; i++) t.fail(`user${i}`, '3.3.3.3', 1000);
    expect(t.blocked('someone-new', '3.3.3.3', 1001)).toBe(true);
    expect(t.blocked('someone-new', '4.4.4.4', 1001)).toBe(false);
  });

  it('clears the pair on success, and keeps its memory bounded (least recently failed keys go first)', () => {
    const t = new LoginThrottle({ ...LIMITS, maxKeys: 300 });
    for (let i = 0; i < 5; i++) t.fail('wang', '5.5.5.5', 1000);
    expect(t.blocked('wang', '5.5.5.5', 1001)).toBe(true);
    t.succeed('wang', '5.5.5.5');
    expect(t.blocked('wang', '5.5.5.5', 1001)).toBe(false);
    for (let i = 0; i < 5; i++) t.fail('zhao', '6.6.6.6', 1000);
    for (let i = 0; i < 1000; i++) t.fail(`spray${i}`, `7.7.${i % 250}.${i % 7}`, 1000);
    expect((t as unknown as { fails: Map<string, number[]> }).fails.size).toBeLessThanOrEqual(300);
    for (let i = 0; i < 5; i++) t.fail('zhao', '6.6.6.6', 1002);
    expect(t.blocked('zhao', '6.6.6.6', 1003)).toBe(true);
  });
});
