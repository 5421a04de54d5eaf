import type { Config } from '../config';
import type { Db } from '../db/database';
import type { DialectName } from '../db/dialect';

/** What every module is given by app.ts: the database, its dialect and the configuration. */
export interface Deps {
  db: Db;
  dialect: DialectName;
  config: Config;
}
