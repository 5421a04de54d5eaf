import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * Puts the server's field errors (`details[].path` like "units" or "communityIds.0") onto the
 * matching antd Form fields. Returns true when at least one shown field got a message; the caller
 * shows the overall message otherwise.
 */
export function applyServerErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.body.details?.length) return false;
  const byField = new Map<string, string[]>();
  for (const d of err.body.details) {
    const top = d.path.split('.').find(Boolean);
    if (!top) continue;
    byField.set(top, [...(byField.get(top) ?? []), d.message]);
  }
  if (!byField.size) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return [...byField.keys()].some((name) => form.getFieldError(name).length > 0);
}
