import type { Migration, MigrationProvider } from 'kysely';
import * as m0900 from './2026-11-28T0900-create-platform';
import * as m0910 from './2026-11-28T0910-create-territory';
import * as m0920 from './2026-11-28T0920-index-grants-by-tenant';
import * as m1000 from './2026-11-28T1000-create-people';
import * as m1020 from './2026-11-28T1020-create-jobs';
import * as m1030 from './2026-11-28T1030-people-search-indexes';
import * as m1040 from './2026-11-28T1040-index-ids';
import * as m1050 from './2026-11-28T1050-people-rights';
import * as m1060 from './2026-11-28T1060-unique-person-id-hash';
import * as m1100 from './2026-11-28T1100-create-cases';
import * as m1200 from './2026-11-28T1200-create-governance';

/** Every migration, in order. A landed migration is never edited: add a new file. */
const all: Record<string, Migration> = {
  '2026-11-28T0900-create-platform': m0900,
  '2026-11-28T0910-create-territory': m0910,
  '2026-11-28T0920-index-grants-by-tenant': m0920,
  '2026-11-28T1000-create-people': m1000,
  '2026-11-28T1020-create-jobs': m1020,
  '2026-11-28T1030-people-search-indexes': m1030,
  '2026-11-28T1040-index-ids': m1040,
  '2026-11-28T1050-people-rights': m1050,
  '2026-11-28T1060-unique-person-id-hash': m1060,
  '2026-11-28T1100-create-cases': m1100,
  '2026-11-28T1200-create-governance': m1200,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => all };
