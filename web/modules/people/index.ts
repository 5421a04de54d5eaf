/** What the app shell and other web modules may use from people. */
export { peopleKeys, personQuery } from './api/people.api';
