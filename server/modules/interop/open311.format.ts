/**
 * Open311 GeoReport v2 wire formats. Each response is a list of flat records (or one record for
 * discovery); JSON is the list itself, XML is a root element holding one element per record
 * (e.g. <services><service>…</service></services>), as the specification's examples show.
 */
export type Format = 'json' | 'xml';

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 cannot carry most control characters at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Child element names for lists inside a record (the spec's plural → singular pairs). */
const ITEM: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  keywords: 'keyword',
};

function element(name: string, v: Value): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (Array.isArray(v))
    return `<${name}>${v.map((x) => element(ITEM[name] ?? 'item', x)).join('')}</${name}>`;
  if (typeof v === 'object')
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => element(k, x))
      .join('')}</${name}>`;
  return `<${name}>${esc(String(v))}</${name}>`;
}

export function render(format: Format, root: string, item: string | null, data: Value): string {
  if (format === 'json') return JSON.stringify(data);
  const body =
    item && Array.isArray(data)
      ? `<${root}>${data.map((d) => element(item, d)).join('')}</${root}>`
      : element(root, data);
  return `<?xml version="1.0" encoding="utf-8"?>${body}`;
}

export const contentType = (f: Format) =>
  f === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8';

/** "requests.json" → ["requests", "json"]; a missing suffix means XML, the required format. */
export function splitFormat(file: string): [string, Format] | null {
  const m = /^(.+?)(?:\.(json|xml))?$/.exec(file);
  if (!m) return null;
  return [m[1]!, (m[2] as Format | undefined) ?? 'xml'];
}

/** The spec's error body: a list of {code, description}. */
export const errors = (format: Format, code: number, description: string) =>
  render(format, 'errors', 'error', [{ code, description }]);
