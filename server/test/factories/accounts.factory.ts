import type { FastifyInstance } from 'fastify';
import type { Role, ScopeKind } from '../../../contracts/access';
import { createGrant, hashPassword } from '../../modules/accounts/index';
import { clock } from '../../platform/clock';
import { systemContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { uuidv7 } from '../../platform/ids';

export const TEST_PASSWORD = 'correct-horse-battery';
let hashed: Promise<string> | null = null;
let seq = 0;

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

/**
 * An active account with the test password (hashed once per process: argon2 is slow on purpose)
 * and the given grants, made through the accounts module's own grant use case.
 */
export async function makeUser(
  deps: Deps,
  opts: {
    homeTenantId: string | null;
    grants?: { role: Role; scopeKind: ScopeKind; scopeId: string | null }[];
    username?: string;
    staffKind?: string;
  },
): Promise<TestUser> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const now = clock.iso();
  const id = uuidv7();
  const username = opts.username ?? `user${process.pid}x${++seq}`;
  await deps.db
    .insertInto('app_user')
    .values({
      id,
      username,
      password_hash: await hashed,
      display_name: `测试用户${seq}`,
      phone: '+8613812341234',
      staff_kind: opts.staffKind ?? 'social_worker',
      funding_source: null,
      certificate_level: null,
      home_tenant_id: opts.homeTenantId,
      status: 'active',
      must_change_password: 0,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  for (const g of opts.grants ?? []) await createGrant(deps, systemContext(), id, g);
  return { id, username, password: TEST_PASSWORD };
}

/** Logs in through the API and returns the Cookie header value. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'gz_session');
  if (!c) throw new Error('no session cookie');
  return `gz_session=${c.value}`;
}
