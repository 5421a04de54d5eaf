/** The people module's public face: the registry's routes, and what other modules may ask about people. */
export { peopleRoutesPlugin } from './people.routes';
export { createPerson, getPerson } from './people.service';
