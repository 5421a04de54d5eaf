import type { Rng } from './random';

/** Synthetic Chinese names for places and people. Nothing here is a real person or address. */
const PLACE_A =
  '东西南北中新旧上下前后金银玉翠碧青红白华安康宁泰和平福寿春秋文武凤龙鹤松竹梅兰桂荷湖江河山岭田塘'.split(
    '',
  );
const PLACE_B = '湖门街园坊岗塘桥湾城苑里堤林洲坪冈埔村岸'.split('');
const COMPOUND_SUFFIX = ['花园', '小区', '新村', '雅苑', '华庭', '家园', '公寓', '大院', '名苑', '广场'];
const COMPANY = ['物业服务有限公司', '物业管理有限公司', '城市服务有限公司'];
const SURNAMES = '陈李黄张梁林刘何罗郑谢邓冯吴朱曾周钟潘彭赖余苏卢叶杨王赵孙徐胡高马'.split('');
const GIVEN = '晓丽敏静婷颖伟杰俊明华芳燕玲秀娟强军斌欣怡嘉慧志文海峰佳琪梓涵子轩宇浩然思雨'.split('');

/** A two-character place stem, unique within `used` (falls back to a numbered stem). */
export function placeStem(rng: Rng, used: Set<string>): string {
  for (let i = 0; i < 50; i++) {
    const s = `${rng.pick(PLACE_A)}${rng.pick(PLACE_B)}`;
    if (!used.has(s)) {
      used.add(s);
      return s;
    }
  }
  const s = `${rng.pick(PLACE_A)}${rng.pick(PLACE_B)}${used.size}`;
  used.add(s);
  return s;
}

export const compoundName = (rng: Rng, used: Set<string>) =>
  `${placeStem(rng, used)}${rng.pick(COMPOUND_SUFFIX)}`;

export const propertyCompany = (rng: Rng, stem: string) => `${stem}${rng.pick(COMPANY)}(合成)`;

export function personName(rng: Rng): string {
  const s = rng.pick(SURNAMES);
  return rng.chance(0.3) ? `${s}${rng.pick(GIVEN)}` : `${s}${rng.pick(GIVEN)}${rng.pick(GIVEN)}`;
}

/** A mobile number in the 19x range (synthetic; 11 digits, passes the contract's regex). */
export const mobile = (rng: Rng) => `199${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

/**
 * Surnames with rough weights for southern China (陈 first, as in Guangdong), so a surname search
 * has realistic selectivity: 陈 ≈ 9 %, the top 10 ≈ 50 %, a long tail of rarer ones.
 */
const WEIGHTED_SURNAMES: [string, number][] = [
  ['陈', 90],
  ['李', 60],
  ['黄', 60],
  ['张', 50],
  ['梁', 45],
  ['林', 40],
  ['刘', 40],
  ['何', 35],
  ['罗', 30],
  ['郑', 25],
  ['谢', 22],
  ['邓', 22],
  ['冯', 20],
  ['吴', 20],
  ['朱', 18],
  ['曾', 18],
  ['周', 18],
  ['钟', 16],
  ['潘', 15],
  ['彭', 14],
  ['赖', 12],
  ['余', 12],
  ['苏', 12],
  ['卢', 12],
  ['叶', 12],
  ['杨', 15],
  ['王', 15],
  ['赵', 8],
  ['孙', 6],
  ['徐', 8],
  ['胡', 8],
  ['高', 6],
  ['马', 6],
  ['骆', 4],
  ['植', 3],
  ['温', 8],
  ['欧阳', 4],
  ['司徒', 2],
  ['龙', 5],
  ['莫', 6],
  ['邱', 8],
  ['区', 3],
  ['麦', 5],
  ['江', 6],
  ['严', 3],
  ['蔡', 10],
];
const SURNAME_TABLE = WEIGHTED_SURNAMES.flatMap(([s, w]) => Array<string>(w).fill(s));
const GIVEN_BY = {
  olderMale: '国建华明德伟强荣福振文志海光永金炳耀锦树汉财成富'.split(''),
  olderFemale: '秀英兰桂珍凤玉芳梅琼娣好群玲惠少丽霞萍娟月'.split(''),
  youngerMale: '浩宇轩俊杰子睿博晨铭泽嘉志伟锐豪天昊梓航烨'.split(''),
  youngerFemale: '欣怡婷雅诗琪佳梓涵晓颖静雨思蕾可馨悦彤妍琳'.split(''),
};

/** A weighted surname, for a family to share. */
export const surname = (rng: Rng) => rng.pick(SURNAME_TABLE);

/** A given name of one or two characters in the style of the person's generation and sex. */
export function givenName(rng: Rng, gender: 'male' | 'female', birthYear: number): string {
  const pool =
    birthYear < 1975
      ? gender === 'male'
        ? GIVEN_BY.olderMale
        : GIVEN_BY.olderFemale
      : gender === 'male'
        ? GIVEN_BY.youngerMale
        : GIVEN_BY.youngerFemale;
  return rng.chance(0.2) ? rng.pick(pool) : `${rng.pick(pool)}${rng.pick(pool)}`;
}
