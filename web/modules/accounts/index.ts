/** What the app shell and other web modules may use from accounts. */
export { accountsKeys, meQuery, useLogout } from './api/accounts.api';
export { roleLabel } from './labels';
