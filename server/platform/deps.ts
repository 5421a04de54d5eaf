import type { Config } from '../config';
import type { Database, Db } from '../db/database';
import type { DialectName } from '../db/dialect';
import { createFieldCrypto, type FieldCrypto } from './crypto';

/** What every module is given by app.ts: the database, its dialect, the configuration, the field crypto. */
export interface Deps {
  db: Db;
  dialect: DialectName;
  config: Config;
  crypto: FieldCrypto;
}

/** The one place Deps are put together (server, command line, tests). */
export function makeDeps(database: Pick<Database, 'db' | 'dialect'>, config: Config): Deps {
  return {
    db: database.db,
    dialect: database.dialect,
    config,
    crypto: createFieldCrypto(config.secretKey, config.retiredSecretKeys),
  };
}
