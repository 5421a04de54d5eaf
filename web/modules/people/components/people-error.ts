import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/error-message';
import { i18n } from '../../../lib/i18n';

/** The people module's own error texts first (people.*), then the common ones. */
export function peopleError(err: unknown): string {
  if (err instanceof ApiError && err.code.startsWith('people.')) {
    return i18n.t(`people:errors.${err.code}`, { defaultValue: err.body.message });
  }
  return errorMessage(err);
}
