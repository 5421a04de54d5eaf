/**
 * The national vulnerable-group categories every tenant starts with (DOMAIN.md); a tenant may add
 * its own. `sensitive` tags (health, disability, income) are shown only to callers who may reveal.
 */
export const DEFAULT_TAGS: {
  code: string;
  name: string;
  parent?: string;
  sensitive: boolean;
  detailKeys?: string[];
}[] = [
  { code: 'elderly_empty_nest', name: '空巢老人', sensitive: false },
  { code: 'elderly_alone', name: '独居老人', sensitive: false },
  { code: 'elderly_advanced', name: '高龄老人', sensitive: false },
  // 困境儿童: 因家庭贫困导致生活困难 / 因自身残疾导致康复、照料、护理和社会融入困难 / 因家庭监护缺失或监护不当遭受虐待、遗弃、意外伤害、不法侵害
  { code: 'child_in_difficulty', name: '困境儿童', sensitive: true, detailKeys: ['type'] },
  { code: 'child_left_behind', name: '留守儿童', sensitive: true },
  // 残疾人: 视力、听力、言语、肢体、智力、精神、多重残疾; 一至四级
  { code: 'disabled', name: '残疾人', sensitive: true, detailKeys: ['category', 'level'] },
  { code: 'dibao', name: '低保对象', sensitive: true },
  { code: 'tekun', name: '特困人员', sensitive: true },
  { code: 'low_income', name: '低收入家庭', sensitive: true },
  { code: 'serious_illness', name: '重病患者', sensitive: true },
  { code: 'veteran', name: '退役军人', sensitive: false },
];

export const CHILD_DIFFICULTY_TYPES = ['生活困难', '自身困难', '监护缺失或不当'];
export const DISABILITY_CATEGORIES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'];
export const DISABILITY_LEVELS = ['一级', '二级', '三级', '四级'];
