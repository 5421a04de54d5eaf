import { residentIdCheckChar } from '../../contracts/identifiers';
import { CHILD_DIFFICULTY_TYPES, DISABILITY_CATEGORIES, DISABILITY_LEVELS } from '../modules/people/index';

/**
 * Synthetic residents for the Fengcheng demo: about 300 people in 100 households, the same on every
 * load (a fixed-seed generator, fixed birth dates). Nothing here is a real person: names are random
 * surname + given-character combinations, ID numbers are made up (address code 441802 清城区, a
 * valid GB 11643 check character), phones are in the reserved-looking range 1390000xxxx, and every
 * note says 演示数据.
 */

/** The year ages are counted from (birth dates are fixed, so the demo does not change with the clock). */
export const DEMO_AGE_YEAR = 2026;
export const DEMO_NOTE = '演示数据(合成,非真实人员)';
export const DEMO_PHONE_PREFIX = '1390000';
export const DEMO_ID_ADDRESS_CODE = '441802';

/** Loose buildings (outside any compound) in other communities, so a few residents live elsewhere. */
export const LOOSE_BUILDINGS: { community: string; number: string; units: number; floors: number }[] = [
  { community: '东门社区', number: '东门直街18号', units: 1, floors: 6 },
  { community: '麻寺田社区', number: '麻寺田新村3栋', units: 2, floors: 7 },
  { community: '翠湖社区', number: '翠湖北路6号', units: 1, floors: 5 },
];

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';

export interface DemoTag {
  code: string;
  detail: Record<string, string> | null;
}

export interface DemoResident {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  ethnicity: string;
  partyMember: boolean | null;
  relation: Relation;
  /** Index (within the household) of the guardian, for minors. */
  guardian: number | null;
  /** Under 14 on 1 January of {@link DEMO_AGE_YEAR}: a guardian's consent is recorded. */
  needsConsent: boolean;
  tags: DemoTag[];
}

export interface DemoHousehold {
  /** A compound's name, or a loose building's community. */
  compound: string | null;
  community: string | null;
  building: string;
  unit: string;
  room: string;
  members: DemoResident[];
}

/** mulberry32: tiny and deterministic (demo data only). */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Gen = ReturnType<typeof generator>;

// Common surnames of Guangdong, weighted by repetition (陈 most often, as in Qingyuan).
const SURNAMES = [
  ...'陈陈陈陈陈陈陈陈李李李李李黄黄黄黄黄张张张张梁梁梁梁林林林刘刘刘何何何罗罗罗郑郑谢谢邓邓冯冯吴吴朱朱曾曾周周钟钟潘彭赖余苏卢叶杨王赵骆植'.split(
    '',
  ),
  '欧阳',
];
const GIVEN = {
  olderMale: '国建华明德伟强荣福振文志海光永金炳耀锦'.split(''),
  olderFemale: '秀英兰桂珍凤玉芳梅琼娣好群玲惠少'.split(''),
  youngerMale: '浩宇轩俊杰子睿博晨铭泽嘉俊志伟锐'.split(''),
  youngerFemale: '欣怡婷雅诗琪佳梓涵晓颖静雨思蕾'.split(''),
};

function givenName(g: Gen, gender: 'male' | 'female', birthYear: number) {
  const pool =
    birthYear < 1975
      ? gender === 'male'
        ? GIVEN.olderMale
        : GIVEN.olderFemale
      : gender === 'male'
        ? GIVEN.youngerMale
        : GIVEN.youngerFemale;
  return g.chance(0.25) ? g.pick(pool) : `${g.pick(pool)}${g.pick(pool)}`;
}

const DIFFICULTY_TYPES = CHILD_DIFFICULTY_TYPES;

interface Spec {
  age: [number, number];
  gender: 'male' | 'female';
  relation: Relation;
  surname?: 'head' | 'new';
  guardian?: number;
  tags?: DemoTag[];
}

/** Household shapes and how often each occurs in an old open compound vs. a closed modern one. */
function shapes(g: Gen, old: boolean): Spec[] {
  const r = g.next();
  const elderly = old ? 0.45 : 0.2;
  const other = (gender: 'male' | 'female') => (gender === 'male' ? 'female' : 'male');
  const headGender = g.chance(0.7) ? 'male' : 'female';
  if (r < elderly * 0.45) {
    // 独居老人
    const gender = g.chance(0.6) ? 'female' : 'male';
    return [{ age: [72, 95], gender, relation: 'head', tags: [{ code: 'elderly_alone', detail: null }] }];
  }
  if (r < elderly) {
    // 空巢老人 (a couple whose children live elsewhere)
    const tag = [{ code: 'elderly_empty_nest', detail: null }];
    return [
      { age: [62, 88], gender: 'male', relation: 'head', tags: tag },
      { age: [60, 86], gender: 'female', relation: 'spouse', surname: 'new', tags: tag },
    ];
  }
  if (r < elderly + 0.08) {
    // 留守儿童: grandparents raise the children, parents work elsewhere.
    const kids = g.int(1, 2);
    return [
      { age: [58, 74], gender: 'male', relation: 'head' },
      { age: [56, 72], gender: 'female', relation: 'spouse', surname: 'new' },
      ...Array.from(
        { length: kids },
        (): Spec => ({
          age: [4, 13],
          gender: g.chance(0.5) ? 'male' : 'female',
          relation: 'grandchild',
          guardian: 0,
          tags: [{ code: 'child_left_behind', detail: null }],
        }),
      ),
    ];
  }
  const kids = g.chance(0.15) ? 0 : g.int(1, 2);
  const young = g.chance(0.5);
  const family: Spec[] = [
    { age: young ? [27, 38] : [38, 52], gender: headGender, relation: 'head' },
    ...(g.chance(0.85)
      ? [
          {
            age: young ? [26, 37] : [36, 50],
            gender: other(headGender),
            relation: 'spouse',
            surname: 'new',
          } as Spec,
        ]
      : []),
    ...Array.from(
      { length: kids },
      (): Spec => ({
        age: young ? [1, 10] : [6, 20],
        gender: g.chance(0.5) ? 'male' : 'female',
        relation: 'child',
        guardian: 0,
      }),
    ),
  ];
  if (g.chance(0.35))
    family.push({
      age: [62, 84],
      gender: g.chance(0.6) ? 'female' : 'male',
      relation: 'parent',
      surname: 'new',
    });
  return family;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The demo's households and residents (deterministic). */
export function demoHouseholds(
  buildings: {
    compound: string | null;
    community: string | null;
    number: string;
    units: number;
    floors: number;
    old: boolean;
  }[],
  count = 100,
): DemoHousehold[] {
  const g = generator(20_261_128);
  const used = new Set<string>();
  let serial = 0;
  let phone = 0;
  const out: DemoHousehold[] = [];
  // Mostly 西湖花园 (old, many elderly) and the five closed compounds; a few in loose buildings.
  const xihu = buildings.filter((b) => b.compound === '西湖花园');
  const closed = buildings.filter((b) => b.compound && b.compound !== '西湖花园');
  const loose = buildings.filter((b) => !b.compound);
  for (let h = 0; h < count; h++) {
    const b =
      h % 10 === 9 && loose.length
        ? g.pick(loose)
        : h % 2 === 0
          ? xihu[(h / 2) % xihu.length]!
          : g.pick(closed);
    let unit = '';
    let room = '';
    do {
      unit = String(g.int(1, b.units));
      room = `${g.int(1, b.floors)}0${g.int(1, 4)}`;
    } while (used.has(`${b.compound}${b.number}-${unit}-${room}`));
    used.add(`${b.compound}${b.number}-${unit}-${room}`);

    const specs = shapes(g, b.old);
    const headSurname = g.pick(SURNAMES);
    const members: DemoResident[] = specs.map((s) => {
      const age = g.int(s.age[0], s.age[1]);
      const year = DEMO_AGE_YEAR - 1 - age;
      const birthDate = `${year}-${pad(g.int(1, 12), 2)}-${pad(g.int(1, 28), 2)}`;
      const surname = s.surname === 'new' ? g.pick(SURNAMES) : headSurname;
      // Sequence code: odd for men, even for women (GB 11643); unique across the demo.
      const seq = pad(2 * ++serial + (s.gender === 'male' ? 1 : 0), 3);
      const first17 = `${DEMO_ID_ADDRESS_CODE}${birthDate.replace(/-/g, '')}${seq}`;
      const tags = [...(s.tags ?? [])];
      if (age >= 80 && !tags.some((t) => t.code === 'elderly_advanced'))
        tags.push({ code: 'elderly_advanced', detail: null });
      if (g.chance(age >= 60 ? 0.12 : 0.04))
        tags.push({
          code: 'disabled',
          detail: { category: g.pick(DISABILITY_CATEGORIES), level: g.pick(DISABILITY_LEVELS) },
        });
      if (age < 18 && g.chance(0.06))
        tags.push({ code: 'child_in_difficulty', detail: { type: g.pick(DIFFICULTY_TYPES) } });
      if (s.relation === 'head' && g.chance(0.06)) tags.push({ code: 'dibao', detail: null });
      if (s.relation === 'head' && age >= 45 && g.chance(0.05)) tags.push({ code: 'veteran', detail: null });
      return {
        name: `${surname}${givenName(g, s.gender, year)}`,
        gender: s.gender,
        birthDate,
        idNumber: first17 + residentIdCheckChar(first17),
        phone: age >= 15 && !(age >= 85 && g.chance(0.5)) ? `${DEMO_PHONE_PREFIX}${pad(++phone, 4)}` : null,
        ethnicity: g.chance(0.95) ? '汉族' : g.pick(['瑶族', '壮族', '畲族']),
        partyMember: age >= 18 ? g.chance(0.12) : null,
        relation: s.relation,
        guardian: age < 18 ? (s.guardian ?? 0) : null,
        needsConsent: age < 14,
        tags,
      };
    });
    out.push({
      compound: b.compound,
      community: b.community,
      building: b.number,
      unit,
      room,
      members,
    });
  }
  return out;
}
