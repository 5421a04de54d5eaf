/** Masking rules of DOMAIN.md, applied on the server before anything leaves it. */

/** 张三 → 张*, 欧阳娜娜 → 欧***; a single character stays as *. */
export const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

/** 13812341234 or +8613812341234 → 138****1234. */
export const maskMobile = (phone: string) => {
  const d = phone.replace(/^\+86/, '');
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : '****';
};

/** 18-character ID → first 6 + last 4. */
export const maskIdNumber = (id: string) =>
  id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****';
