import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CreditCode,
  checkCreditCode,
  checkIdByType,
  checkResidentId,
  creditCodeCheckChar,
  IdType,
  MobileE164,
  normalizeLandline,
  normalizeMobile,
  PersonName,
  ResidentIdNumber,
  residentIdCheckChar,
} from './identifiers';

/** A fixed "today" (2026-05-01 in Asia/Shanghai) so the tests do not depend on the clock. */
const TODAY = new Date('2026-05-01T12:00:00+08:00');

/** ISO 7064 MOD 11-2 validity written independently of the weight table: Σ a_i·2^(17−i) ≡ 1 (mod 11). */
const mod11_2Valid = (id: string) =>
  [...id].reduce((sum, ch, i) => sum + (ch === 'X' ? 10 : Number(ch)) * 2 ** (17 - i), 0) % 11 === 1;

/** GB 32100 validity written independently: Σ c_i·3^i (i < 17) + c_17 ≡ 0 (mod 31). */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditValid = (code: string) =>
  [...code].reduce((sum, ch, i) => sum + CREDIT_ALPHABET.indexOf(ch) * (i < 17 ? 3 ** i % 31 : 1), 0) % 31 ===
  0;

/** Small deterministic PRNG (LCG) so the generated set is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('resident ID check char', () => {
  it('matches known valid numbers (computed independently)', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052419800101001')).toBe('3');
    expect(residentIdCheckChar('11010520000101000')).toBe('8');
    expect(residentIdCheckChar('32010619870315771')).toBe('2');
    expect(residentIdCheckChar('81000019900101001')).toBe('9');
    expect(residentIdCheckChar('82000020000229002')).toBe('1');
    expect(residentIdCheckChar('83000019851111123')).toBe('0');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });

  it('a generated set round-trips and agrees with the 2^k definition of MOD 11-2', () => {
    const next = rng(11643);
    const seen = new Set<string>();
    for (let n = 0; n < 400; n++) {
      const prefix = [pad(110000 + next(720000), 6), '810000', '820000', '830000'][next(4)]!;
      const birth = new Date(Date.UTC(1900 + next(126), 0, 1) + next(365) * 86_400_000);
      const ymd = birth.toISOString().slice(0, 10);
      const seq = pad(next(1000), 3);
      const first17 = `${prefix}${ymd.replaceAll('-', '')}${seq}`;
      const id = first17 + residentIdCheckChar(first17);
      seen.add(id[17]!);
      expect(mod11_2Valid(id)).toBe(true);
      const r = checkResidentId(id, TODAY);
      expect(r).toEqual({
        ok: true,
        normalized: id,
        kind:
          prefix.startsWith('81') || prefix.startsWith('82')
            ? 'hk_macao_permit'
            : prefix.startsWith('83')
              ? 'taiwan_permit'
              : 'resident',
        birthDate: ymd,
        sex: Number(seq[2]) % 2 === 1 ? 'male' : 'female',
        legacy15: false,
      });
      // Every other check character is wrong.
      for (const c of '0123456789X') {
        if (c !== id[17])
          expect(checkResidentId(first17 + c, TODAY)).toEqual({ ok: false, reason: 'checksum' });
      }
    }
    // Every remainder was hit, so every entry of the remainder map was exercised.
    expect([...seen].sort()).toEqual([...'0123456789X'].sort());
  });
});

describe('checkResidentId', () => {
  it('accepts the GB 11643 sample, with lower-case x and surrounding spaces', () => {
    const expected = {
      ok: true,
      normalized: '11010519491231002X',
      kind: 'resident',
      birthDate: '1949-12-31',
      sex: 'female',
      legacy15: false,
    };
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual(expected);
    expect(checkResidentId('11010519491231002x', TODAY)).toEqual(expected);
    expect(checkResidentId('  11010519491231002x ', TODAY)).toEqual(expected);
    expect(checkResidentId('110105 19491231 002X', TODAY)).toEqual(expected);
  });

  it('works with the default today', () => {
    expect(checkResidentId('11010519491231002X').ok).toBe(true);
  });

  it('derives sex from the 17th digit (odd = male)', () => {
    const make = (seq: string) => {
      const first17 = `44052419800101${seq}`;
      return first17 + residentIdCheckChar(first17);
    };
    for (let d = 0; d <= 9; d++) {
      const r = checkResidentId(make(`00${d}`), TODAY);
      expect(r.ok && r.sex).toBe(d % 2 === 1 ? 'male' : 'female');
    }
    expect(checkResidentId('440524198001010013', TODAY)).toMatchObject({ ok: true, sex: 'male' });
    expect(checkResidentId('110105200001010008', TODAY)).toMatchObject({ ok: true, sex: 'female' });
  });

  it('detects every single-digit error in every position', () => {
    const id = '320106198703157712';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        const changed = id.slice(0, i) + d + id.slice(i + 1);
        const r = checkResidentId(changed, TODAY);
        expect(r.ok, changed).toBe(false);
        // Address code and sequence positions: the checksum catches it. Birth date positions:
        // either the date becomes impossible or the checksum catches it.
        if (i < 6 || i >= 14) expect(r).toEqual({ ok: false, reason: 'checksum' });
        else expect(['birth_date', 'checksum']).toContain(!r.ok && r.reason);
      }
    }
  });

  it('detects swapped adjacent digits that differ', () => {
    const id = '320106198703157712';
    for (let i = 0; i < 16; i++) {
      if (id[i] === id[i + 1]) continue;
      const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
      expect(checkResidentId(swapped, TODAY).ok, swapped).toBe(false);
    }
  });

  it('rejects wrong lengths and characters', () => {
    expect(checkResidentId('', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(checkResidentId('11010519491231002', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(checkResidentId('11010519491231002X1', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(checkResidentId('1101051949123100X2', TODAY)).toEqual({ ok: false, reason: 'chars' });
    expect(checkResidentId('11010519491231002Y', TODAY)).toEqual({ ok: false, reason: 'chars' });
    expect(checkResidentId('11010519491231002-', TODAY)).toEqual({ ok: false, reason: 'chars' });
    expect(checkResidentId('11010549123100X', TODAY)).toEqual({ ok: false, reason: 'chars' });
  });

  it('rejects impossible, too early and future birth dates', () => {
    const withDate = (ymd: string) => {
      const first17 = `110105${ymd}002`;
      return first17 + residentIdCheckChar(first17);
    };
    expect(checkResidentId(withDate('20260230'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('20261301'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('20260001'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('20260400'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('20230229'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('19000229'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('18991231'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId(withDate('20260502'), TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    // Leap day, the first allowed year, and today itself are fine.
    expect(checkResidentId(withDate('20000229'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(checkResidentId(withDate('19000101'), TODAY)).toMatchObject({ ok: true, birthDate: '1900-01-01' });
    expect(checkResidentId(withDate('20260501'), TODAY)).toMatchObject({ ok: true, birthDate: '2026-05-01' });
  });

  it('uses the Asia/Shanghai date for "today"', () => {
    const first17 = '11010520260501002';
    const id = first17 + residentIdCheckChar(first17);
    // 2026-04-30T17:00Z is already 2026-05-01 01:00 in Shanghai.
    expect(checkResidentId(id, new Date('2026-04-30T17:00:00Z')).ok).toBe(true);
    expect(checkResidentId(id, new Date('2026-04-30T15:00:00Z'))).toEqual({
      ok: false,
      reason: 'birth_date',
    });
  });

  it('never rejects an address code (obsolete or unknown)', () => {
    for (const prefix of ['110103', '999999', '000000', '532926']) {
      const first17 = `${prefix}19600101001`;
      expect(checkResidentId(first17 + residentIdCheckChar(first17), TODAY).ok).toBe(true);
    }
  });

  it('recognizes residence permits for HK/Macao (81, 82) and Taiwan (83) residents', () => {
    expect(checkResidentId('810000199001010019', TODAY)).toEqual({
      ok: true,
      normalized: '810000199001010019',
      kind: 'hk_macao_permit',
      birthDate: '1990-01-01',
      sex: 'male',
      legacy15: false,
    });
    expect(checkResidentId('820000200002290021', TODAY)).toMatchObject({
      ok: true,
      kind: 'hk_macao_permit',
      birthDate: '2000-02-29',
      sex: 'female',
    });
    expect(checkResidentId('830000198511111230', TODAY)).toMatchObject({
      ok: true,
      kind: 'taiwan_permit',
      sex: 'male',
    });
    expect(checkResidentId('810000199001010018', TODAY)).toEqual({ ok: false, reason: 'checksum' });
    expect(checkResidentId('82000020000229002X', TODAY)).toEqual({ ok: false, reason: 'checksum' });
    expect(checkResidentId('830000198511111231', TODAY)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('converts 15-digit legacy numbers to 18 characters', () => {
    expect(checkResidentId('110105491231002', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      kind: 'resident',
      birthDate: '1949-12-31',
      sex: 'female',
      legacy15: true,
    });
    expect(checkResidentId('440524800101001', TODAY)).toEqual({
      ok: true,
      normalized: '440524198001010013',
      kind: 'resident',
      birthDate: '1980-01-01',
      sex: 'male',
      legacy15: true,
    });
    expect(checkResidentId('110105490230002', TODAY)).toEqual({ ok: false, reason: 'birth_date' });
    expect(checkResidentId('1101054912310', TODAY)).toEqual({ ok: false, reason: 'length' });
  });
});

describe('normalizeMobile', () => {
  const ok = { ok: true, e164: '+8613812341234', national: '13812341234' };

  it('accepts every usual shape', () => {
    for (const raw of [
      '13812341234',
      '138 1234 1234',
      '138-1234-1234',
      '+8613812341234',
      '+86 138 1234 1234',
      '+86-138-1234-1234',
      '008613812341234',
      '0086 138 1234 1234',
      '8613812341234',
      ' 13812341234 ',
    ]) {
      expect(normalizeMobile(raw), raw).toEqual(ok);
    }
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(normalizeMobile(`${prefix}912345678`)).toMatchObject({
        ok: true,
        national: `${prefix}912345678`,
      });
    }
  });

  it('rejects other numbers', () => {
    for (const raw of [
      '',
      '138123412345',
      '1381234123',
      '12812341234',
      '10812341234',
      '23812341234',
      '1381234123a',
      'abcdefghijk',
      '+8513812341234',
      '+86138123412345',
      '0763-3361234',
      '+8612812341234',
    ]) {
      expect(normalizeMobile(raw), raw).toEqual({ ok: false });
    }
  });
});

describe('normalizeLandline', () => {
  it('accepts area code + local number with optional separators and extension', () => {
    expect(normalizeLandline('0763-3361234')).toEqual({ ok: true, e164: '+867633361234' });
    expect(normalizeLandline('07633361234')).toEqual({ ok: true, e164: '+867633361234' });
    expect(normalizeLandline('0763 3361234')).toEqual({ ok: true, e164: '+867633361234' });
    expect(normalizeLandline('(0763)3361234')).toEqual({ ok: true, e164: '+867633361234' });
    expect(normalizeLandline('0763-33612345')).toEqual({ ok: true, e164: '+8676333612345' });
    expect(normalizeLandline('010-12345678')).toEqual({ ok: true, e164: '+861012345678' });
    expect(normalizeLandline('01012345678')).toEqual({ ok: true, e164: '+861012345678' });
    expect(normalizeLandline('021-62345678')).toEqual({ ok: true, e164: '+862162345678' });
    expect(normalizeLandline('0763-3361234-123')).toEqual({
      ok: true,
      e164: '+867633361234',
      extension: '123',
    });
    expect(normalizeLandline('0763-3361234转123')).toEqual({
      ok: true,
      e164: '+867633361234',
      extension: '123',
    });
    expect(normalizeLandline('0763-3361234 转 8001')).toEqual({
      ok: true,
      e164: '+867633361234',
      extension: '8001',
    });
  });

  it('rejects numbers that are not landlines', () => {
    for (const raw of [
      '',
      '3361234',
      '763-3361234',
      '0763-336123',
      '0763-336123456',
      '13812341234',
      '013812341234',
      '00763-3361234',
      '0763-3361234-',
      '0763-3361234转',
      '0763-3361234-1234567',
      '0763-336123a',
    ]) {
      expect(normalizeLandline(raw), raw).toEqual({ ok: false });
    }
  });
});

describe('credit codes', () => {
  it('accepts the GB 32100 sample and generated codes', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // Computed independently.
    expect(checkCreditCode('91110108MA01XXXX0H').ok).toBe(true);
    expect(checkCreditCode('121000004000003200').ok).toBe(true);
    expect(checkCreditCode('51110000500000001E').ok).toBe(true);
  });

  it('a generated set agrees with the 3^i definition and hits every check character', () => {
    const next = rng(32100);
    const seen = new Set<string>();
    for (let n = 0; n < 600; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) first17 += CREDIT_ALPHABET[next(31)];
      const code = first17 + creditCodeCheckChar(first17);
      seen.add(code[17]!);
      expect(creditValid(code), code).toBe(true);
      expect(checkCreditCode(code)).toEqual({ ok: true, normalized: code });
    }
    expect(seen.size).toBe(31);
  });

  it('rejects a wrong check character, forbidden letters and wrong lengths', () => {
    for (const c of CREDIT_ALPHABET) {
      if (c !== '3')
        expect(checkCreditCode(`91350100M000100Y4${c}`)).toEqual({ ok: false, reason: 'checksum' });
    }
    for (const c of 'IOZSV') {
      expect(checkCreditCode(`91350100M000100Y4${c}`)).toEqual({ ok: false, reason: 'chars' });
      expect(checkCreditCode(`91350100${c}000100Y43`)).toEqual({ ok: false, reason: 'chars' });
    }
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, reason: 'length' });
    expect(checkCreditCode('91350100M000100Y433')).toEqual({ ok: false, reason: 'length' });
    expect(() => creditCodeCheckChar('91350100I000100Y4')).toThrow(RangeError);
  });

  it('detects every single-character substitution', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of CREDIT_ALPHABET) {
        if (c === code[i]) continue;
        expect(checkCreditCode(code.slice(0, i) + c + code.slice(i + 1)).ok).toBe(false);
      }
    }
  });
});

describe('checkIdByType', () => {
  it('uses the checksum for resident types and requires the prefix to match', () => {
    expect(checkIdByType('resident_id', '11010519491231002x', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
    });
    expect(checkIdByType('resident_id', '110105491231002', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
    });
    expect(checkIdByType('resident_id', '110105194912310021', TODAY)).toEqual({
      ok: false,
      reason: 'checksum',
    });
    expect(checkIdByType('hk_macao_permit', '810000199001010019', TODAY).ok).toBe(true);
    expect(checkIdByType('hk_macao_permit', '820000200002290021', TODAY).ok).toBe(true);
    expect(checkIdByType('taiwan_permit', '830000198511111230', TODAY).ok).toBe(true);
    expect(checkIdByType('taiwan_permit', '810000199001010019', TODAY)).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
    expect(checkIdByType('hk_macao_permit', '830000198511111230', TODAY)).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
    expect(checkIdByType('hk_macao_permit', '11010519491231002X', TODAY)).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
    expect(checkIdByType('resident_id', '810000199001010019', TODAY)).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
  });

  it('checks passports, foreign permanent residence cards and other documents by shape', () => {
    expect(checkIdByType('passport', 'e12345678')).toEqual({ ok: true, normalized: 'E12345678' });
    expect(checkIdByType('passport', 'A1234')).toEqual({ ok: true, normalized: 'A1234' });
    expect(checkIdByType('passport', 'A123')).toEqual({ ok: false, reason: 'length' });
    expect(checkIdByType('passport', 'A'.repeat(21))).toEqual({ ok: false, reason: 'length' });
    expect(checkIdByType('passport', 'E1234-678')).toEqual({ ok: false, reason: 'chars' });
    expect(checkIdByType('foreign_permanent', 'USA310078020101')).toEqual({
      ok: true,
      normalized: 'USA310078020101',
    });
    expect(checkIdByType('foreign_permanent', 'USA3100780')).toEqual({ ok: false, reason: 'length' });
    expect(checkIdByType('other', ' 军官证 第123号 ')).toEqual({ ok: true, normalized: '军官证 第123号' });
    expect(checkIdByType('other', '   ')).toEqual({ ok: false, reason: 'length' });
    expect(checkIdByType('other', 'x'.repeat(41))).toEqual({ ok: false, reason: 'length' });
    expect(checkIdByType('other', 'ab\u0007c')).toEqual({ ok: false, reason: 'chars' });
  });

  it('IdType lists the document types', () => {
    expect(IdType.options).toEqual([
      'resident_id',
      'hk_macao_permit',
      'taiwan_permit',
      'passport',
      'foreign_permanent',
      'other',
    ]);
    expect(IdType.safeParse('driver_license').success).toBe(false);
  });
});

/** The messages of a failed parse. */
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('zod schemas', () => {
  it('ResidentIdNumber outputs the normalized 18 characters', () => {
    expect(ResidentIdNumber.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(ResidentIdNumber.parse(' 110105491231002 ')).toBe('11010519491231002X');
    expect(ResidentIdNumber.parse('830000198511111230')).toBe('830000198511111230');
  });

  it('ResidentIdNumber reports what is wrong in Chinese', () => {
    expect(messages(ResidentIdNumber.safeParse('110105194912310021'))).toEqual(['公民身份号码校验位不正确']);
    const feb30 = `11010520000230002${residentIdCheckChar('11010520000230002')}`;
    expect(messages(ResidentIdNumber.safeParse(feb30))).toEqual(['出生日期无效']);
    expect(messages(ResidentIdNumber.safeParse('1101051949'))).toEqual(['须为18位(或15位旧号)公民身份号码']);
    expect(messages(ResidentIdNumber.safeParse('1101051949123100AB'))).toEqual([
      '须为18位(或15位旧号)公民身份号码',
    ]);
    expect(ResidentIdNumber.safeParse(110105).success).toBe(false);
  });

  it('MobileE164 outputs E.164', () => {
    for (const raw of [
      '13812341234',
      '138 1234 1234',
      '138-1234-1234',
      '+8613812341234',
      '+86 138 1234 1234',
      '008613812341234',
    ]) {
      expect(MobileE164.parse(raw)).toBe('+8613812341234');
    }
    expect(messages(MobileE164.safeParse('12812341234'))).toEqual(['须为11位手机号']);
    expect(messages(MobileE164.safeParse('138123412345'))).toEqual(['须为11位手机号']);
  });

  it('CreditCode outputs the upper-case code', () => {
    expect(CreditCode.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(messages(CreditCode.safeParse('91350100M000100Y44'))).toEqual(['统一社会信用代码校验位不正确']);
    expect(messages(CreditCode.safeParse('91350100M000100Y4'))).toEqual(['须为18位统一社会信用代码']);
    expect(messages(CreditCode.safeParse('91350100M000100Y4I'))).toEqual(['须为18位统一社会信用代码']);
  });

  it('schemas stay plain strings in JSON Schema', () => {
    for (const schema of [ResidentIdNumber, MobileE164, CreditCode, PersonName]) {
      expect(z.toJSONSchema(schema, { io: 'input' })).toMatchObject({ type: 'string' });
      expect(z.toJSONSchema(schema, { io: 'output' })).toMatchObject({ type: 'string' });
    }
  });
});

describe('PersonName', () => {
  it('accepts Chinese, minority and foreign names and normalizes the middle dot', () => {
    expect(PersonName.parse('张三')).toBe('张三');
    expect(PersonName.parse('  李四  ')).toBe('李四');
    expect(PersonName.parse('王')).toBe('王');
    expect(PersonName.parse('𠮷田')).toBe('𠮷田');
    expect(PersonName.parse('阿沛·阿旺晋美')).toBe('阿沛·阿旺晋美');
    expect(PersonName.parse('阿沛•阿旺晋美')).toBe('阿沛·阿旺晋美');
    expect(PersonName.parse('阿沛・阿旺晋美')).toBe('阿沛·阿旺晋美');
    expect(PersonName.parse('阿沛 · 阿旺晋美')).toBe('阿沛·阿旺晋美');
    expect(PersonName.parse('迪丽热巴·迪力木拉提')).toBe('迪丽热巴·迪力木拉提');
    expect(PersonName.parse('John  Smith')).toBe('John Smith');
    expect(PersonName.parse("Mary-Jane O'Neil")).toBe("Mary-Jane O'Neil");
    expect(PersonName.parse('José Müller')).toBe('José Müller');
    expect(PersonName.parse('Jose\u0301')).toBe('José');
    expect(PersonName.parse('张'.repeat(50))).toBe('张'.repeat(50));
  });

  it('rejects digits, control characters, stray dots and bad lengths', () => {
    for (const raw of [
      '',
      '   ',
      '张三1',
      '张三\u0000',
      '张\t三',
      '·张三',
      '张三·',
      '阿沛··阿旺晋美',
      '张三!',
      '张'.repeat(51),
      'Smith, John',
    ]) {
      expect(messages(PersonName.safeParse(raw)), JSON.stringify(raw)).toEqual(['姓名格式不正确']);
    }
  });
});
