import { ApiError } from './api';
import { i18n } from './i18n';

/** A translated message for an error: by code when we know it, else the server's own message. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    return i18n.t(`common:errors.${err.code}`, { defaultValue: err.body.message || err.body.error });
  }
  if (err instanceof TypeError) return i18n.t('common:errors.network');
  return i18n.t('common:errors.unknown');
}
