import type { FastifyInstance } from 'fastify';
import {
  peopleRightsRoutes as pr,
  peopleRoutes as r,
  peopleTagRoutes as tr,
} from '../../../contracts/people';
import type { Deps } from '../../platform/deps';
import { registerRoute } from '../../platform/routes';
import * as consents from './consents.service';
import * as households from './households.service';
import * as people from './people.service';
import * as retention from './retention.service';
import * as rights from './rights.service';
import * as tags from './tags.service';
import * as volunteers from './volunteers.service';

export async function peopleRoutesPlugin(app: FastifyInstance, { deps }: { deps: Deps }) {
  registerRoute(app, r.search, 'policy', ({ ctx, query }) => people.searchPeople(deps, ctx, query));
  registerRoute(app, r.lookupById, 'policy', ({ ctx, body }) => people.lookupById(deps, ctx, body));
  registerRoute(app, r.get, 'policy', ({ ctx, params }) => people.getPerson(deps, ctx, params.id));
  registerRoute(app, r.create, 'policy', ({ ctx, body }) => people.createPerson(deps, ctx, body));
  registerRoute(app, r.update, 'policy', ({ ctx, params, body }) =>
    people.updatePerson(deps, ctx, params.id, body),
  );
  registerRoute(app, r.changeStatus, 'policy', ({ ctx, params, body }) =>
    people.changeStatus(deps, ctx, params.id, body),
  );
  registerRoute(app, r.reveal, 'policy', ({ ctx, params, body }) =>
    people.reveal(deps, ctx, params.id, body),
  );
  registerRoute(app, r.listConsents, 'policy', ({ ctx, params }) =>
    consents.listConsents(deps, ctx, params.id),
  );
  registerRoute(app, r.addConsent, 'policy', ({ ctx, params, body }) =>
    consents.addConsent(deps, ctx, params.id, body),
  );
  registerRoute(app, r.withdrawConsent, 'policy', ({ ctx, params }) =>
    consents.withdrawConsent(deps, ctx, params.id),
  );
  registerRoute(app, r.tags, 'policy', ({ ctx, query }) => tags.listTags(deps, ctx, query.tenantId));
  registerRoute(app, tr.createTag, 'policy', ({ ctx, body }) => tags.createTag(deps, ctx, body));
  registerRoute(app, tr.updateTag, 'policy', ({ ctx, params, query, body }) =>
    tags.updateTag(deps, ctx, query.tenantId, params.code, body),
  );
  registerRoute(app, r.createHousehold, 'policy', ({ ctx, body }) =>
    households.createHousehold(deps, ctx, body),
  );
  registerRoute(app, r.getHousehold, 'policy', ({ ctx, params }) =>
    households.getHousehold(deps, ctx, params.id),
  );
  registerRoute(app, r.addHouseholdMember, 'policy', ({ ctx, params, body }) =>
    households.addMember(deps, ctx, params.id, body),
  );

  registerRoute(app, pr.getVolunteer, 'policy', ({ ctx, params }) =>
    volunteers.getVolunteer(deps, ctx, params.id),
  );
  registerRoute(app, pr.saveVolunteer, 'policy', ({ ctx, params, body }) =>
    volunteers.saveVolunteer(deps, ctx, params.id, body),
  );
  registerRoute(app, pr.subjectExport, 'policy', ({ ctx, params, body }) =>
    rights.subjectExport(deps, ctx, params.id, body.purpose),
  );
  registerRoute(app, pr.subjectExportXlsx, 'policy', async ({ ctx, params, body, reply }) => {
    const file = await rights.subjectExportXlsx(deps, ctx, params.id, body.purpose);
    reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="subject-${params.id}.xlsx"`);
    return file;
  });
  registerRoute(app, pr.erase, 'policy', async ({ ctx, params, body }) => {
    await rights.erasePerson(deps, ctx, params.id, body);
    return people.getPerson(deps, ctx, params.id);
  });
  registerRoute(app, pr.getRetention, 'policy', ({ ctx, query }) =>
    retention.getRetention(deps, ctx, query.tenantId),
  );
  registerRoute(app, pr.setRetention, 'policy', ({ ctx, body }) => retention.setRetention(deps, ctx, body));
  registerRoute(app, pr.purge, 'policy', ({ ctx, body }) => retention.purgeNow(deps, ctx, body.tenantId));
}
