import { type Role, Roles } from '../../../contracts/access';
import { i18n } from '../../lib/i18n';

/** A role's name in the current language, from the contracts' catalog. */
export const roleLabel = (code: string): string => {
  const r = Roles[code as Role];
  if (!r) return code;
  return i18n.language === 'en' ? r.en : r.zh;
};
