import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from './db/database';

// The command line works on the embedded database (PostgreSQL uses pg_dump / pg_restore).
const sqliteOnly = process.env.TEST_DATABASE_URL ? describe.skip : describe;

sqliteOnly('command line: demo, backup, restore', () => {
  it('loads the demo into a new directory, backs it up, and restores it after a bad change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gz-cli-'));
    const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' } as Record<string, string | undefined>;
    delete env.DATABASE_URL;
    const run = (...args: string[]) =>
      spawnSync('node_modules/.bin/tsx', ['server/main.ts', ...args], { env, encoding: 'utf8' });

    const demo = run('demo', dir);
    expect(demo.status, demo.stderr).toBe(0);
    expect(existsSync(join(dir, 'demo-accounts.json'))).toBe(true);

    const backup = run('backup', join(dir, 'b.db'));
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integrity ok/);

    const live = createDb({ dataDir: dir });
    await live.db.updateTable('community').set({ name: '被误改' }).execute();
    await live.destroy();

    const restore = run('restore', join(dir, 'b.db'));
    expect(restore.status, restore.stderr).toBe(0);
    const back = createDb({ dataDir: dir });
    const n = await back.db
      .selectFrom('building')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await back.destroy();
    expect(Number(n.n)).toBeGreaterThan(30);
    expect(readdirSync(dir).some((f) => f.startsWith('gongzhi.db.before-restore-'))).toBe(true);
    expect(run('verify').status).toBe(0);
    expect(run('nonsense').status).toBe(2);
  });
});
