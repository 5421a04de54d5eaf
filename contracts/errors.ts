/**
 * Error codes both sides know. The server throws AppError(code); the web maps codes to
 * translated messages (web/lib/locales) and falls back to the server's message.
 */
export const ErrorCodes = {
  'platform.validation': 400,
  'platform.not_found': 404,
  'platform.unauthenticated': 401,
  'platform.forbidden': 403,
  'platform.rate_limited': 429,
  'platform.version_conflict': 409,
  'platform.duplicate': 409,
  'platform.internal': 500,
  'platform.policy_missing': 500,
  'auth.invalid_credentials': 401,
  'auth.user_disabled': 403,
  'auth.wrong_password': 400,
  'auth.setup_done': 409,
  'auth.setup_secret_invalid': 403,
  'accounts.username_taken': 409,
  'accounts.role_scope_invalid': 400,
  'accounts.grant_exceeds_own': 403,
  'accounts.grant_exists': 409,
  'accounts.grant_revoked': 409,
  'accounts.cannot_disable_self': 409,
  'territory.code_taken': 409,
  'territory.code_outside_tenant': 400,
  'territory.has_active_children': 409,
  'territory.parent_retired': 409,
  'territory.parent_other_tenant': 400,
  'territory.already_retired': 409,
  'territory.not_retired': 409,
  'territory.region_level_invalid': 400,
  'audit.chain_broken': 409,
  'people.duplicate_id': 409,
  'people.anonymized': 409,
  'people.status_unchanged': 409,
  'people.minor_consent_missing': 403,
  'people.consent_withdrawn': 409,
  'people.already_member': 409,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;
