import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('blocks a username after 5 failures within the window, and frees it after', () => {
    const t = new LoginThrottle(5, 100, 60_000);
    for (let i = 0; i < 4; i++) t.fail('zhang', '1.1.1.1', 1000 + i);
    expect(t.blocked('zhang', '2.2.2.2', 2000)).toBe(false);
    t.fail('zhang', '1.1.1.1', 2000);
    expect(t.blocked('zhang', '2.2.2.2', 2001)).toBe(true);
    expect(t.blocked('li', '2.2.2.2', 2001)).toBe(false);
    expect(t.blocked('zhang', '2.2.2.2', 70_000)).toBe(false);
  });
  it('blocks an address that guesses across many usernames', () => {
    const t = new LoginThrottle(5, 10, 60_000);
    for (let i = 0; i < 10; i++) t.fail(`user${i}`, '3.3.3.3', 1000);
    expect(t.blocked('someone-new', '3.3.3.3', 1001)).toBe(true);
    expect(t.blocked('someone-new', '4.4.4.4', 1001)).toBe(false);
  });
});
