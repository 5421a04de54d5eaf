import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSED_STATUSES, type IssueStatus, interopRoutes as r } from '../../../contracts/governance';
import type { Actor } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { registerRoute } from '../../platform/routes';
import {
  categoriesOf,
  createIssue,
  type ExportedIssue,
  issuesForInterface,
  STATUS_ZH,
} from '../governance/index';
import { tenantDirectory } from '../territory/index';
import { createApiKey, findKey, listApiKeys, revokeApiKey } from './api-keys.service';
import { contentType, errors, type Format, render, splitFormat, type Value } from './open311.format';

const BASE = '/open311/v2';
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** Who answers for an issue at each level. */
const AGENCY = {
  building: (place: string) => `${place}楼长`,
  compound: () => '小区理事会',
  community: () => '社区居委会',
  subdistrict: () => '街道办事处',
} as const;

/** An Open311 failure: the HTTP status doubles as the error code, as the specification's examples do. */
class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const fail = (status: number, message: string) => new Open311Error(status, message);

type Params = Record<string, string | undefined>;

/** Trimmed text without control characters, at most `max` characters; '' when absent. */
function textParam(p: Params, name: string, max: number): string {
  const v = p[name];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw fail(400, `${name} must be text`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const s = v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if ([...s].length > max) throw fail(400, `${name} is longer than ${max} characters`);
  return s;
}

function dateParam(p: Params, name: string): string | undefined {
  const v = textParam(p, name, 40);
  if (!v) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(v)) throw fail(400, `${name} is not an ISO 8601 date`);
  return new Date(t).toISOString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** open for anything still being worked on; closed once rejected, merged, resolved or confirmed. */
const isClosed = (s: IssueStatus) => CLOSED_STATUSES.includes(s) || s === 'resolved';
const OPEN: IssueStatus[] = ['reported', 'accepted', 'in_deliberation', 'action_underway', 'reopened'];
const CLOSED: IssueStatus[] = ['rejected', 'merged', 'resolved', 'confirmed'];

function toRequest(i: ExportedIssue): Record<string, Value> {
  return {
    service_request_id: i.number,
    status: isClosed(i.status) ? 'closed' : 'open',
    status_notes: `${STATUS_ZH[i.status]}${i.reject_reason ? `:${i.reject_reason}` : ''}`,
    service_name: i.category_name,
    service_code: i.category_code,
    // Only the title: residents' full descriptions may name people and stay inside the platform.
    description: i.title,
    agency_responsible: i.assigned_to ?? AGENCY[i.level](i.place_name),
    service_notice: null,
    requested_datetime: i.created_at,
    updated_datetime: i.updated_at,
    expected_datetime: i.level_deadline_at,
    address: i.address ? `${i.place_name} ${i.address}` : i.place_name,
    address_id: i.building_id ?? i.compound_id ?? i.community_id,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

export async function interopRoutesPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  registerRoute(app, r.listApiKeys, 'policy', ({ ctx, query }) => listApiKeys(deps, ctx, query.tenantId));
  registerRoute(app, r.createApiKey, 'policy', ({ ctx, body }) => createApiKey(deps, ctx, body));
  registerRoute(app, r.revokeApiKey, 'policy', ({ ctx, params }) => revokeApiKey(deps, ctx, params.id));
  await app.register(open311Plugin, { deps });
}

/** Open311 GeoReport v2 under /open311/v2 (its own parsers, formats and error bodies). */
async function open311Plugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  // The specification posts requests as an HTML form.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 65_536 },
    (_req, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) out[k] = v;
      done(null, out);
    },
  );

  const formatOf = (req: FastifyRequest): Format => {
    const last = req.url.split('?')[0]!.split('/').pop() ?? '';
    return last.endsWith('.json') ? 'json' : 'xml';
  };
  const send = (reply: FastifyReply, f: Format, status: number, body: string) =>
    reply.code(status).header('content-type', contentType(f)).header('cache-control', 'no-store').send(body);

  app.setErrorHandler((err, req, reply) => {
    const f = formatOf(req);
    if (err instanceof Open311Error) return send(reply, f, err.status, errors(f, err.status, err.message));
    if (err instanceof AppError && err.statusCode < 500)
      return send(reply, f, err.statusCode, errors(f, err.statusCode, err.message));
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return send(reply, f, status, errors(f, status, 'bad request'));
    req.log.error({ err }, 'open311 request failed');
    return send(reply, f, 500, errors(f, 500, 'internal error'));
  });

  /** The tenant a call is about: jurisdiction_id is the tenant's township code. */
  async function jurisdiction(
    p: Params,
    keyTenant?: string,
  ): Promise<{ id: string; code: string; name: string }> {
    const tenants = await tenantDirectory(deps);
    const code = textParam(p, 'jurisdiction_id', 40);
    if (code) {
      const t = tenants.find((x) => x.code === code);
      if (!t) throw fail(404, 'jurisdiction_id not found');
      if (keyTenant && t.id !== keyTenant) throw fail(403, 'api_key is not valid for this jurisdiction_id');
      return t;
    }
    if (keyTenant) return tenants.find((x) => x.id === keyTenant)!;
    if (tenants.length === 1) return tenants[0]!;
    throw fail(400, 'jurisdiction_id is required');
  }

  const route = (
    method: 'GET' | 'POST',
    url: string,
    handler: (req: FastifyRequest, f: Format, name: string) => Promise<string>,
    extra: { rateLimit?: { max: number; timeWindow: number } } = {},
  ) =>
    app.route({
      method,
      url,
      config: { access: 'public', ...extra },
      schema: { hide: true },
      handler: async (req, reply) => {
        const file = (req.params as { file: string }).file;
        const split = splitFormat(file);
        if (!split) throw fail(404, 'not found');
        const [name, f] = split;
        return send(reply, f, 200, await handler(req, f, name));
      },
    });

  route('GET', `${BASE}/:file`, async (req, f, name) => {
    const q = req.query as Params;
    if (name === 'discovery') {
      const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      return render(f, 'discovery', null, {
        changeset: '2026-11-28T12:00:00Z',
        contact: '请联系所在街道办事处',
        key_service: '由街道管理员在"接口密钥"页面签发',
        endpoints: [
          {
            specification: SPEC,
            url: `${origin}${BASE}`,
            changeset: '2026-11-28T12:00:00Z',
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      });
    }
    if (name === 'services') {
      const t = await jurisdiction(q);
      const cats = (await categoriesOf(deps, t.id)).filter((c) => c.active);
      return render(
        f,
        'services',
        'service',
        cats.map((c) => ({
          service_code: c.code,
          service_name: c.name,
          description: `${c.name}:楼栋 ${c.days_building} 天、小区 ${c.days_compound} 天、社区 ${c.days_community} 天内未处理自动提级`,
          metadata: false,
          type: 'realtime',
          keywords: c.name,
          group: '居民诉求',
        })),
      );
    }
    if (name === 'requests') {
      const t = await jurisdiction(q);
      const ids = textParam(q, 'service_request_id', 2000);
      const status = textParam(q, 'status', 20);
      if (status && !['open', 'closed'].includes(status)) throw fail(400, 'status must be open or closed');
      let from = dateParam(q, 'start_date');
      const to = dateParam(q, 'end_date');
      // Without ids or dates the specification's default window is the last 90 days.
      if (!ids && !from && !to) from = new Date(Date.now() - 90 * 86_400_000).toISOString();
      const rows = await issuesForInterface(deps, t.id, {
        numbers: ids ? ids.split(',').map((s) => s.trim()) : undefined,
        categoryCode: textParam(q, 'service_code', 60) || undefined,
        statuses: status === 'open' ? OPEN : status === 'closed' ? CLOSED : undefined,
        from,
        to,
        limit: 1000,
      });
      return render(f, 'service_requests', 'request', rows.map(toRequest));
    }
    throw fail(404, `${name} is not an Open311 resource`);
  });

  route('GET', `${BASE}/services/:file`, async (req, f, code) => {
    const t = await jurisdiction(req.query as Params);
    const c = (await categoriesOf(deps, t.id)).find((x) => x.code === code && x.active);
    if (!c) throw fail(404, 'service_code not found');
    return render(f, 'service_definition', null, { service_code: c.code, attributes: [] });
  });

  route('GET', `${BASE}/requests/:file`, async (req, f, id) => {
    const t = await jurisdiction(req.query as Params);
    const rows = await issuesForInterface(deps, t.id, { numbers: [id], limit: 1 });
    if (!rows[0]) throw fail(404, 'service_request_id not found');
    return render(f, 'service_requests', 'request', rows.map(toRequest));
  });

  route('GET', `${BASE}/tokens/:file`, async (req, f, token) => {
    const t = await jurisdiction(req.query as Params);
    const rows = await issuesForInterface(deps, t.id, { token, limit: 1 });
    if (!rows[0]) throw fail(404, 'token not found');
    return render(f, 'service_requests', 'request', [{ service_request_id: rows[0].number, token }]);
  });

  route(
    'POST',
    `${BASE}/:file`,
    async (req, f, name) => {
      if (name !== 'requests') throw fail(404, `${name} is not an Open311 resource`);
      const p = { ...(req.query as Params), ...((req.body ?? {}) as Params) };
      const key = await findKey(deps, textParam(p, 'api_key', 200));
      if (!key) throw fail(403, 'api_key is missing or not valid');
      const t = await jurisdiction(p, key.tenant_id);
      const code = textParam(p, 'service_code', 60);
      if (!code) throw fail(400, 'service_code is required');
      const cat = (await categoriesOf(deps, t.id)).find((c) => c.code === code && c.active);
      if (!cat) throw fail(404, 'service_code not found');
      const description = textParam(p, 'description', 2000);
      if (!description) throw fail(400, 'description is required');
      const addressId = textParam(p, 'address_id', 60);
      if (!addressId || !UUID.test(addressId))
        throw fail(400, 'address_id (a building, compound or community id of this jurisdiction) is required');
      const lat = textParam(p, 'lat', 30);
      const long = textParam(p, 'long', 30);
      if ((lat && Number.isNaN(Number(lat))) || (long && Number.isNaN(Number(long))))
        throw fail(400, 'lat and long must be numbers');
      const addressString = textParam(p, 'address_string', 200);
      const reporter = `${textParam(p, 'last_name', 20)}${textParam(p, 'first_name', 20)}`;
      const actor: Actor = {
        userId: null,
        displayName: `Open311:${key.name}`,
        ip: req.ip,
        requestId: req.id,
      };
      const token = crypto.randomUUID();
      // The address id may be any kind of place: try it as a building, a compound, a community.
      let issue = null;
      for (const kind of ['buildingId', 'compoundId', 'communityId'] as const) {
        try {
          issue = await createIssue(
            deps,
            actor,
            {
              tenantId: t.id,
              [kind]: addressId,
              categoryId: cat.id,
              title: [...description].slice(0, 30).join(''),
              description,
              anonymous: true,
              address: [addressString, lat && long ? `${lat},${long}` : ''].filter(Boolean).join(' ') || null,
              source: 'open311',
              sourceToken: token,
              reporterName: reporter,
            },
            (place) => {
              if (place.tenantId !== t.id) throw fail(404, 'address_id not found in this jurisdiction');
            },
          );
          break;
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'platform.not_found')) throw e;
        }
      }
      if (!issue) throw fail(404, 'address_id not found in this jurisdiction');
      return render(f, 'service_requests', 'request', [
        {
          service_request_id: issue.number,
          token,
          service_notice: `已登记,由${AGENCY[issue.level](issue.place_name)}先行处理`,
          account_id: null,
        },
      ]);
    },
    { rateLimit: { max: 120, timeWindow: 60_000 } },
  );
}
