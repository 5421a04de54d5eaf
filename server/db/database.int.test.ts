/**
 * Issue 9, finding 13: the embedded database was created 0644 (readable by every local account).
 * The database, its -wal and -shm, and backups are owner-only (0600) whatever the umask.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './database';

const dir = mkdtempSync(join(tmpdir(), 'gz-db-mode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (f: string) => statSync(f).mode & 0o777;

describe('embedded database files (issue 9 finding 13)', () => {
  it('creates the database, its -wal and -shm, and backups 0600, and tightens an existing 0644 file', async () => {
    const old = process.umask(0o022);
    try {
      const file = join(dir, 'gongzhi.db');
      const db = createDb({ sqliteFile: file });
      await sql`create table t (x integer)`.execute(db.db);
      await sql`insert into t values (1)`.execute(db.db);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
      const backup = join(dir, 'backup.db');
      await db.backup!(backup);
      expect(mode(backup)).toBe(0o600);
      await db.destroy();

      const earlier = join(dir, 'earlier.db');
      writeFileSync(earlier, '', { mode: 0o644 });
      expect(mode(earlier)).toBe(0o644);
      const again = createDb({ sqliteFile: earlier });
      await sql`select 1`.execute(again.db);
      expect(mode(earlier)).toBe(0o600);
      await again.destroy();
    } finally {
      process.umask(old);
    }
  });
});
