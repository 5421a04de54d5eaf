import type { FastifyInstance } from 'fastify';
import { caseRoutes as r } from '../../../contracts/cases';
import type { Deps } from '../../platform/deps';
import { registerRoute } from '../../platform/routes';
import { exportCases } from './case-export.service';
import * as funding from './case-funding.service';
import { matchCase } from './case-matching';
import * as settings from './case-settings.service';
import * as work from './case-work.service';
import * as cases from './cases.service';

export async function casesRoutesPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  // Funding attachments are uploaded as the file itself (this plugin's routes only).
  app.addContentTypeParser(
    funding.ATTACHMENT_TYPES,
    { parseAs: 'buffer', bodyLimit: funding.MAX_ATTACHMENT },
    (_req, body, done) => done(null, body),
  );

  registerRoute(app, r.settings, 'policy', ({ ctx, query }) =>
    settings.getSettings(deps, ctx, query.tenantId),
  );
  registerRoute(app, r.saveSettings, 'policy', ({ ctx, body }) => settings.saveSettings(deps, ctx, body));
  registerRoute(app, r.myTasks, 'session', ({ ctx }) => work.myTasks(deps, ctx));
  registerRoute(app, r.myApprovals, 'session', ({ ctx }) => work.myApprovals(deps, ctx));
  registerRoute(app, r.exportCsv, 'policy', async ({ ctx, query, reply }) => {
    const csv = await exportCases(deps, ctx, query);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('个案统计.csv')}`);
    return csv;
  });
  registerRoute(app, r.overdue, 'policy', ({ ctx, query }) => work.overdue(deps, ctx, query));
  registerRoute(app, r.list, 'policy', ({ ctx, query }) => cases.listCases(deps, ctx, query));
  registerRoute(app, r.create, 'policy', ({ ctx, body }) => cases.createCase(deps, ctx, body));
  registerRoute(app, r.get, 'policy', ({ ctx, params }) => cases.getCaseFile(deps, ctx, params.id));
  registerRoute(app, r.update, 'policy', ({ ctx, params, body }) =>
    cases.updateCase(deps, ctx, params.id, body),
  );
  registerRoute(app, r.transition, 'policy', ({ ctx, params, body }) =>
    cases.transition(deps, ctx, params.id, body),
  );
  registerRoute(app, r.decide, 'policy', ({ ctx, params, body }) =>
    cases.decideApproval(deps, ctx, params.id, params.approvalId, body),
  );
  registerRoute(app, r.addRecord, 'policy', ({ ctx, params, body }) =>
    cases.addRecord(deps, ctx, params.id, body),
  );
  registerRoute(app, r.addMandatoryReport, 'policy', ({ ctx, params, body }) =>
    cases.addMandatoryReport(deps, ctx, params.id, body),
  );
  registerRoute(app, r.addService, 'policy', ({ ctx, params, body }) =>
    work.addService(deps, ctx, params.id, body),
  );
  registerRoute(app, r.addMember, 'policy', ({ ctx, params, body }) =>
    cases.addMember(deps, ctx, params.id, body),
  );
  registerRoute(app, r.removeMember, 'policy', ({ ctx, params }) =>
    cases.removeMember(deps, ctx, params.id, params.memberId),
  );
  registerRoute(app, r.addConference, 'policy', ({ ctx, params, body }) =>
    work.addConference(deps, ctx, params.id, body),
  );
  registerRoute(app, r.matches, 'policy', ({ ctx, params }) => matchCase(deps, ctx, params.id));
  registerRoute(app, r.requestFunding, 'policy', ({ ctx, params, body }) =>
    funding.requestFunding(deps, ctx, params.id, body),
  );
  registerRoute(app, r.addAttachment, 'policy', ({ ctx, params, query, req }) =>
    funding.addAttachment(deps, ctx, params.id, query.name, req.headers['content-type'], req.body),
  );
  registerRoute(app, r.getAttachment, 'policy', async ({ ctx, params, reply }) => {
    const { attachment, bytes } = await funding.getAttachment(deps, ctx, params.id, params.attachmentId);
    reply
      .type(attachment.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`);
    return bytes;
  });
  registerRoute(app, r.decideFunding, 'policy', ({ ctx, params, body }) =>
    funding.decideFunding(deps, ctx, params.id, body),
  );
  registerRoute(app, r.completeAction, 'policy', ({ ctx, params }) =>
    work.completeAction(deps, ctx, params.id),
  );
}
