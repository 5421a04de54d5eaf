/** What other web modules may use from territory. */
export { regionsQuery, stationsQuery, tenantsQuery, territoryKeys, treeQuery } from './api/territory.api';
