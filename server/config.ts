import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** 32+ bytes, hex or base64; when absent a key is made once and kept in DATA_DIR/secret.key. */
  SECRET_KEY: z.string().min(32).optional(),
  /** Earlier SECRET_KEYs, comma-separated, kept after a rotation so old sealed values still open. */
  SECRET_KEYS_RETIRED: z.string().default(''),
  /** `auto`: load the Fengcheng demo into a new, empty embedded database. */
  DEMO: z.enum(['auto', 'off']).default('auto'),
  /** Hours an export file or import error report stays downloadable before it is deleted. */
  JOB_FILE_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  /** Set `true` behind HTTPS so cookies are marked Secure and HSTS is sent. */
  SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  LOGIN_MAX_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /**
   * The reverse proxy whose X-Forwarded-For / -Proto / -Host headers are believed: its addresses
   * or CIDRs (comma-separated; `loopback`, `linklocal`, `uniquelocal` name ranges) or a hop count.
   * Unset: none — every address is the connection's own, so no client can pick the address the
   * login throttle and rate limits count under.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v, c) => {
      const s = v.trim();
      if (s === '' || s === 'false') return false as const;
      if (/^\d+$/.test(s)) return Number(s);
      const list = s.split(',').map((x) => x.trim());
      const bad = list.filter((x) => !PROXY_RANGES.has(x) && !isAddressOrCidr(x));
      if (bad.length > 0) {
        c.addIssue({
          code: 'custom',
          message: `${bad.join(', ')}: give the proxy's address or CIDR (127.0.0.1, 10.0.0.0/8), loopback, or a hop count; 'true' would believe any client`,
        });
        return z.NEVER;
      }
      return list;
    }),
  /**
   * Origins (scheme://host[:port], comma-separated) besides the server's own from which browsers
   * may change state through the API — e.g. the public address when a proxy rewrites the Host header.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, c) => {
      const list = v
        .split(',')
        .map((x) => x.trim().replace(/\/$/, ''))
        .filter(Boolean);
      for (const o of list) {
        let origin: string | null = null;
        try {
          origin = new URL(o).origin;
        } catch {}
        if (origin !== o.toLowerCase() || !/^https?:/.test(o)) {
          c.addIssue({
            code: 'custom',
            message: `${o}: must be an origin such as https://gongzhi.example.cn`,
          });
          return z.NEVER;
        }
      }
      return list.map((o) => o.toLowerCase());
    }),
});

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isAddressOrCidr(s: string): boolean {
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length > 0 || !ip) return false;
  const v = isIP(ip);
  if (v === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128);
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string;
  retiredSecretKeys: string[];
  demo: 'auto' | 'off';
  /** How long job files (exports, error reports) live, in ms. */
  jobFileTtlMs: number;
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  secureCookies: boolean;
  loginMaxPerMinute: number;
  /**
   * The slowdown of an account that keeps failing from many addresses (login-throttle.ts): the
   * first delay and its cap. Not environment settings; tests shorten them.
   */
  loginDelayBaseMs: number;
  loginDelayMaxMs: number;
  /** Proxies whose forwarding headers are believed (false: none). */
  trustProxy: false | number | string[];
  /** Origins besides the server's own allowed to change state through the API. */
  allowedOrigins: string[];
  /** Serve the built SPA from dist/web when it exists. */
  webRoot: string | null;
}

function secretFromDataDir(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** Parses the environment once; a bad value stops the process with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(overrides.dataDir ?? e.DATA_DIR);
  // A new data directory is the owner's only (database, secret key, uploads, exports).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const webRoot = resolve('dist/web');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    secretKey: e.SECRET_KEY ?? secretFromDataDir(dataDir),
    retiredSecretKeys: e.SECRET_KEYS_RETIRED.split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    demo: e.DEMO,
    jobFileTtlMs: e.JOB_FILE_TTL_HOURS * 3_600_000,
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    secureCookies: e.SECURE_COOKIES === 'true',
    loginMaxPerMinute: e.LOGIN_MAX_PER_MINUTE,
    loginDelayBaseMs: 500,
    loginDelayMaxMs: 5_000,
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS,
    webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : null,
    ...overrides,
  };
}
