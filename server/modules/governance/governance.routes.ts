import type { FastifyInstance } from 'fastify';
import { governanceRoutes as r } from '../../../contracts/governance';
import { SYSTEM_ACTOR } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import { createJobRunner } from '../../platform/jobs';
import { registerRoute } from '../../platform/routes';
import * as bodies from './bodies.service';
import * as categories from './categories.service';
import * as issues from './issues.service';
import * as meetings from './meetings.service';

export interface GovernancePluginOptions {
  deps: Deps;
  /** How often the deadline sweep looks for overdue issues (ms); 0 turns it off. */
  sweepEveryMs?: number;
}

/** Enqueues one escalation job per tenant with overdue issues (the in-process job runner runs them). */
export async function sweepOnce(deps: Deps, jobs: ReturnType<typeof createJobRunner>): Promise<number> {
  const tenants = await issues.tenantsWithOverdue(deps);
  for (const tenantId of tenants)
    await jobs.enqueue(SYSTEM_ACTOR, tenantId, 'governance.escalate', async () => {
      const moved = await issues.escalateOverdue(deps, SYSTEM_ACTOR, tenantId);
      return { status: 'succeeded', summary: { escalated: moved } };
    });
  return tenants.length;
}

export async function governanceRoutesPlugin(
  app: FastifyInstance,
  { deps, sweepEveryMs = 10 * 60_000 }: GovernancePluginOptions,
) {
  const jobs = createJobRunner(deps.db, app.log);
  if (sweepEveryMs > 0) {
    let timer: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        sweepOnce(deps, jobs).catch((err) => app.log.error({ err }, 'escalation sweep failed'));
      }, sweepEveryMs);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await jobs.idle();
    });
  }

  registerRoute(app, r.listCategories, 'policy', ({ ctx, query }) =>
    categories.listCategories(deps, ctx, query.tenantId),
  );
  registerRoute(app, r.updateCategory, 'policy', ({ ctx, params, body }) =>
    categories.updateCategory(deps, ctx, params.id, body),
  );

  registerRoute(app, r.listIssues, 'policy', ({ ctx, query }) => issues.listIssues(deps, ctx, query));
  registerRoute(app, r.duplicates, 'policy', ({ ctx, query }) => issues.duplicates(deps, ctx, query));
  registerRoute(app, r.reportIssue, 'policy', ({ ctx, body }) => issues.reportIssue(deps, ctx, body));
  registerRoute(app, r.getIssue, 'policy', ({ ctx, params }) => issues.getIssue(deps, ctx, params.id));
  registerRoute(app, r.transitionIssue, 'policy', ({ ctx, params, body }) =>
    issues.transitionIssue(deps, ctx, params.id, body),
  );
  registerRoute(app, r.escalateIssue, 'policy', ({ ctx, params, body }) =>
    issues.escalateIssue(deps, ctx, params.id, body),
  );
  registerRoute(app, r.assignProperty, 'policy', ({ ctx, params, body }) =>
    issues.assignProperty(deps, ctx, params.id, body.version),
  );
  registerRoute(app, r.rateIssue, 'policy', ({ ctx, params, body }) =>
    issues.rateIssue(deps, ctx, params.id, body),
  );
  registerRoute(app, r.publicIssues, 'policy', ({ ctx, query }) => issues.publicIssues(deps, ctx, query));

  registerRoute(app, r.listBodies, 'policy', ({ ctx, query }) => bodies.listBodies(deps, ctx, query));
  registerRoute(app, r.createBody, 'policy', ({ ctx, body }) => bodies.createBody(deps, ctx, body));
  registerRoute(app, r.getBody, 'policy', ({ ctx, params }) => bodies.getBody(deps, ctx, params.id));
  registerRoute(app, r.addMember, 'policy', ({ ctx, params, body }) =>
    bodies.addMember(deps, ctx, params.id, body),
  );
  registerRoute(app, r.endMember, 'policy', ({ ctx, params, body }) =>
    bodies.endMember(deps, ctx, params.id, body),
  );

  registerRoute(app, r.listMeetings, 'policy', ({ ctx, query }) => meetings.listMeetings(deps, ctx, query));
  registerRoute(app, r.createMeeting, 'policy', ({ ctx, body }) => meetings.createMeeting(deps, ctx, body));
  registerRoute(app, r.getMeeting, 'policy', ({ ctx, params }) => meetings.getMeeting(deps, ctx, params.id));
  registerRoute(app, r.addAgendaItem, 'policy', ({ ctx, params, body }) =>
    meetings.addAgendaItem(deps, ctx, params.id, body),
  );
  registerRoute(app, r.setAttendance, 'policy', ({ ctx, params, body }) =>
    meetings.setAttendance(deps, ctx, params.id, body),
  );
  registerRoute(app, r.setMinutes, 'policy', ({ ctx, params, body }) =>
    meetings.setMinutes(deps, ctx, params.id, body),
  );
  registerRoute(app, r.addDecision, 'policy', ({ ctx, params, body }) =>
    meetings.addDecision(deps, ctx, params.id, body),
  );
  registerRoute(app, r.addAction, 'policy', ({ ctx, params, body }) =>
    meetings.addAction(deps, ctx, params.id, body),
  );
  registerRoute(app, r.completeAction, 'policy', ({ ctx, params, body }) =>
    meetings.completeAction(deps, ctx, params.id, body.note),
  );
  registerRoute(app, r.listNotices, 'policy', ({ ctx, query }) => meetings.listNotices(deps, ctx, query));
  registerRoute(app, r.createNotice, 'policy', ({ ctx, body }) => meetings.createNotice(deps, ctx, body));
}
