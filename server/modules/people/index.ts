/** The people module's public face: the registry's routes, and what other modules may ask about people. */

export { addConsent } from './consents.service';
export { addMember, createHousehold } from './households.service';
export {
  activeVolunteers,
  householdLabels,
  type PersonLabel,
  personLabels,
  type VolunteerCandidate,
} from './people.lookup';
export { nameInitials } from './people.present';
export { peopleRoutesPlugin } from './people.routes';
export { createPerson, getPerson } from './people.service';
export { startImport } from './people-import.service';
export { peopleIoRoutesPlugin } from './people-io.routes';
export { purgeExpired } from './retention.service';
export {
  CHILD_DIFFICULTY_TYPES,
  DEFAULT_TAGS,
  DISABILITY_CATEGORIES,
  DISABILITY_LEVELS,
} from './tag-catalog';
export { saveVolunteer } from './volunteers.service';
