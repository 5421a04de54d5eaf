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
