/** What the app shell and other web modules may use from cases. */
export { casesKeys } from './api/cases.api';
