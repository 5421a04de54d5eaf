/** The cases module's public face (萤火虫个案服务中心): its routes, and its use cases for the demo and bench. */
export { requestFunding } from './case-funding.service';
export { saveSettings as saveCaseSettings } from './case-settings.service';
export { addConference, addService } from './case-work.service';
export { casesRoutesPlugin } from './cases.routes';
export {
  addMandatoryReport,
  addRecord,
  createCase,
  decideApproval,
  transition as moveCase,
} from './cases.service';
