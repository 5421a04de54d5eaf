import { z } from 'zod';

/*
 * Pure checks for the identifiers people type in: resident ID numbers (GB 11643), residence
 * permits for HK/Macao/Taiwan residents, mobile and landline numbers, unified social credit codes
 * (GB 32100) and personal names. No I/O, no address-code tables (an ID number is lifelong, so an
 * obsolete address code is never a reason to reject it).
 */

// ---------------------------------------------------------------------------------------------
// Resident ID (公民身份号码, GB 11643-1999)
// ---------------------------------------------------------------------------------------------

/** ISO 7064 MOD 11-2 weights for the first 17 digits (2^(17-i) mod 11). */
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each remainder of the weighted sum mod 11. */
const RESIDENT_CHECK_CHARS = '10X98765432';

/** What kind of number an 18-character ID is, judged by its first two digits. */
export type ResidentIdKind = 'resident' | 'hk_macao_permit' | 'taiwan_permit';

/** Result of {@link checkResidentId}. `birthDate` and `sex` are personal data: treat them as such. */
export type ResidentIdCheck =
  | {
      ok: true;
      /** The 18-character form, upper-case X (15-digit legacy numbers converted). */
      normalized: string;
      kind: ResidentIdKind;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'male' | 'female';
      /** The input was a 15-digit legacy number. */
      legacy15: boolean;
    }
  | { ok: false; reason: 'length' | 'chars' | 'birth_date' | 'checksum' };

/**
 * The ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for the first 17 digits of a resident ID
 * number or residence permit number. Throws a RangeError unless given exactly 17 ASCII digits.
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i]!;
  return RESIDENT_CHECK_CHARS[sum % 11]!;
}

/** The calendar date (YYYY-MM-DD) of `d` in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The earliest birth year the registry accepts (ID numbers and entered birth dates alike). */
export const BIRTH_YEAR_MIN = 1900;

/** YYYYMMDD → YYYY-MM-DD if it is a real calendar date from 1900 up to `today` (inclusive). */
function birthDateOf(yyyymmdd: string, today: Date): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < BIRTH_YEAR_MIN || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return iso > shanghaiDate(today) ? null : iso;
}

function kindOf(id: string): ResidentIdKind {
  const prefix = id.slice(0, 2);
  if (prefix === '81' || prefix === '82') return 'hk_macao_permit';
  if (prefix === '83') return 'taiwan_permit';
  return 'resident';
}

/**
 * Checks a resident ID number (公民身份号码) or a residence permit number for HK/Macao (81…/82…)
 * or Taiwan (83…) residents, which use the same layout and checksum.
 *
 * Accepts 18 characters (17 digits + check digit or X, lower-case x allowed) and 15-digit legacy
 * numbers (birth year 19YY), which are converted to the 18-character form. Whitespace is ignored.
 * The birth date must be a real date, in 1900 or later and not after `today` (Asia/Shanghai date;
 * defaults to now). The 17th digit gives the sex (odd = male). Address codes are never checked
 * against a table. A bad birth date is reported before a bad checksum.
 */
export function checkResidentId(raw: string, today: Date = new Date()): ResidentIdCheck {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  let id: string;
  let legacy15 = false;
  if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'chars' };
    id = s;
  } else if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return { ok: false, reason: 'chars' };
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    id = first17 + residentIdCheckChar(first17);
    legacy15 = true;
  } else {
    return { ok: false, reason: 'length' };
  }
  const birthDate = birthDateOf(id.slice(6, 14), today);
  if (birthDate === null) return { ok: false, reason: 'birth_date' };
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    normalized: id,
    kind: kindOf(id),
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    legacy15,
  };
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

/** Result of {@link normalizeMobile}. */
export type MobileCheck = { ok: true; e164: string; national: string } | { ok: false };

/**
 * Normalizes a mainland China mobile number: 11 digits matching `^1[3-9]\d{9}$`, optionally
 * prefixed by +86, 0086 or 86, with spaces or hyphens anywhere. Returns the E.164 form
 * (`+8613812341234`) and the national form (`13812341234`).
 */
export function normalizeMobile(raw: string): MobileCheck {
  const s = raw.replace(/[\s-]+/g, '');
  const m = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(s);
  if (!m) return { ok: false };
  const national = m[1]!;
  return { ok: true, e164: `+86${national}`, national };
}

/** Result of {@link normalizeLandline}. `extension` is kept apart: E.164 has no extensions. */
export type LandlineCheck = { ok: true; e164: string; extension?: string } | { ok: false };

/** Area code (bare or in parentheses), optional separator, local number, optional extension. */
const LANDLINE =
  /^(?:\((0(?:10|2\d|[3-9]\d\d))\)|(0(?:10|2\d|[3-9]\d\d)))[\s-]?(\d{7,8})(?:\s*(?:-|转)\s*(\d{1,6}))?$/;

/**
 * Normalizes a mainland China landline number: 0 + area code + 7–8 digit local number, with an
 * optional hyphen, space or parentheses around the area code, and an optional extension
 * (`-123`, `转123`, up to 6 digits). Area codes follow the numbering plan: 010 and 02X have two
 * digits after the 0, all others (03XX–09XX) three, which also makes unseparated input unambiguous.
 * Returns E.164 (`0763-3361234` → `+867633361234`) and the extension, if any.
 */
export function normalizeLandline(raw: string): LandlineCheck {
  const m = LANDLINE.exec(raw.trim());
  if (!m) return { ok: false };
  const area = (m[1] ?? m[2])!;
  const e164 = `+86${area.slice(1)}${m[3]}`;
  return m[4] === undefined ? { ok: true, e164 } : { ok: true, e164, extension: m[4] };
}

// ---------------------------------------------------------------------------------------------
// Unified social credit code (统一社会信用代码, GB 32100-2015)
// ---------------------------------------------------------------------------------------------

/** The 31 characters a credit code may use (no I, O, Z, S, V). */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights for the first 17 characters (3^i mod 31). */
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Result of {@link checkCreditCode}. */
export type CreditCodeCheck =
  | { ok: true; normalized: string }
  | { ok: false; reason: 'length' | 'chars' | 'checksum' };

/**
 * The GB 32100 check character for the first 17 characters of a unified social credit code.
 * Throws a RangeError unless given 17 characters of the credit-code alphabet (upper case).
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`not a credit-code character: ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks a unified social credit code (统一社会信用代码): 18 characters from
 * `0-9A-HJ-NPQRTUWXY` (lower case accepted, whitespace ignored) whose last character is the
 * GB 32100 check character. Returns the upper-case form.
 */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const s = raw.replace(/\s+/g, '').toUpperCase();
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return { ok: false, reason: 'chars' };
  if (creditCodeCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, normalized: s };
}

// ---------------------------------------------------------------------------------------------
// zod schemas
// ---------------------------------------------------------------------------------------------

const RESIDENT_ID_MESSAGES = {
  length: '须为18位(或15位旧号)公民身份号码',
  chars: '须为18位(或15位旧号)公民身份号码',
  birth_date: '出生日期无效',
  checksum: '公民身份号码校验位不正确',
} as const;

/**
 * A resident ID or HK/Macao/Taiwan residence permit number; outputs the normalized 18-character
 * string (15-digit legacy numbers converted, upper-case X). Still a string in JSON Schema.
 */
export const ResidentIdNumber = z
  .string()
  .overwrite((raw) => {
    const r = checkResidentId(raw);
    return r.ok ? r.normalized : raw;
  })
  .superRefine((value, ctx) => {
    const r = checkResidentId(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: RESIDENT_ID_MESSAGES[r.reason] });
  });
export type ResidentIdNumber = z.infer<typeof ResidentIdNumber>;

/** A mainland mobile number in any accepted shape; outputs E.164 (`+8613812341234`). */
export const MobileE164 = z
  .string()
  .overwrite((raw) => {
    const r = normalizeMobile(raw);
    return r.ok ? r.e164 : raw;
  })
  .refine((value) => normalizeMobile(value).ok, '须为11位手机号');
export type MobileE164 = z.infer<typeof MobileE164>;

/** A unified social credit code; outputs the upper-case 18-character form. */
export const CreditCode = z
  .string()
  .overwrite((raw) => {
    const r = checkCreditCode(raw);
    return r.ok ? r.normalized : raw;
  })
  .superRefine((value, ctx) => {
    const r = checkCreditCode(value);
    if (!r.ok) {
      const message = r.reason === 'checksum' ? '统一社会信用代码校验位不正确' : '须为18位统一社会信用代码';
      ctx.addIssue({ code: 'custom', message });
    }
  });
export type CreditCode = z.infer<typeof CreditCode>;

/** The kind of identity document an ID number belongs to (stored next to it as `id_type`). */
export const IdType = z.enum([
  'resident_id',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'foreign_permanent',
  'other',
]);
export type IdType = z.infer<typeof IdType>;

/** Result of {@link checkIdByType}. `type_mismatch`: a valid number of another resident kind. */
export type IdCheck =
  | { ok: true; normalized: string }
  | { ok: false; reason: 'length' | 'chars' | 'birth_date' | 'checksum' | 'type_mismatch' };

const KIND_OF_TYPE: Partial<Record<IdType, ResidentIdKind>> = {
  resident_id: 'resident',
  hk_macao_permit: 'hk_macao_permit',
  taiwan_permit: 'taiwan_permit',
};

/**
 * Checks an ID number against its declared type. `resident_id` and the two residence permits use
 * {@link checkResidentId}, and the 81/82/83 prefix must agree with the type (a permit number is
 * not a `resident_id` and vice versa). `passport`: 5–20 of `[A-Z0-9]` (upper-cased, spaces
 * removed). `foreign_permanent`: 15–18 of `[A-Z0-9]` (no checksum is verified). `other`: 1–40
 * characters after trimming, no control characters.
 */
export function checkIdByType(type: IdType, raw: string, today: Date = new Date()): IdCheck {
  const kind = KIND_OF_TYPE[type];
  if (kind) {
    const r = checkResidentId(raw, today);
    if (!r.ok) return r;
    return r.kind === kind ? { ok: true, normalized: r.normalized } : { ok: false, reason: 'type_mismatch' };
  }
  if (type === 'passport' || type === 'foreign_permanent') {
    const s = raw.replace(/\s+/g, '').toUpperCase();
    const [min, max] = type === 'passport' ? [5, 20] : [15, 18];
    if (s.length < min || s.length > max) return { ok: false, reason: 'length' };
    if (!/^[A-Z0-9]+$/.test(s)) return { ok: false, reason: 'chars' };
    return { ok: true, normalized: s };
  }
  const s = raw.trim();
  const length = [...s].length;
  if (length < 1 || length > 40) return { ok: false, reason: 'length' };
  if (/\p{Cc}/u.test(s)) return { ok: false, reason: 'chars' };
  return { ok: true, normalized: s };
}

// ---------------------------------------------------------------------------------------------
// Personal names (姓名)
// ---------------------------------------------------------------------------------------------

/**
 * A 姓名: 1–50 characters (code points) after trimming and NFC normalization; letters of any
 * script (CJK included, with combining marks), the middle dot `·` (U+00B7; `•` U+2022 and `・`
 * U+30FB are converted to it, spaces around it dropped), and for foreign names single spaces,
 * hyphens and apostrophes between parts. Runs of spaces (also U+3000) collapse to one. No digits,
 * no control characters, no leading, trailing or doubled separators. Outputs the normalized name.
 */
export const PersonName = z
  .string()
  .overwrite((raw) =>
    raw
      .normalize('NFC')
      .replace(/[ \u3000]*[\u00b7\u2022\u30fb][ \u3000]*/g, '\u00b7')
      .trim()
      .replace(/[ \u3000]+/g, ' '),
  )
  .refine((s) => {
    const length = [...s].length;
    return length >= 1 && length <= 50 && /^[\p{L}\p{M}]+(?:(?: |\u00b7|-|'|\u2019)[\p{L}\p{M}]+)*$/u.test(s);
  }, '姓名格式不正确');
export type PersonName = z.infer<typeof PersonName>;
