/** The governance module's public face: routes, and what interop (Open311), the demo and the bench use. */
export { addMember, createBody } from './bodies.service';
export { categoriesOf, DEFAULT_CATEGORIES, toCategory } from './categories.service';
export { governanceRoutesPlugin, sweepOnce } from './governance.routes';
export {
  createIssue,
  type ExportedIssue,
  escalateIssue,
  escalateOverdue,
  getIssue,
  issuesForInterface,
  loadIssue,
  type NewIssue,
  rateIssue,
  STATUS_ZH,
  transitionIssue,
} from './issues.service';
export {
  addAction,
  addAgendaItem,
  addDecision,
  completeAction,
  createMeeting,
  createNotice,
  getMeeting,
  setAttendance,
  setMinutes,
} from './meetings.service';
