import { useTranslation } from 'react-i18next';

type Label = { zh: string; en: string };

/** Picks the Chinese or English label of a contracts label map entry for the current language. */
export function useLabel() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (l: Label | undefined, fallback = '—') => (l ? (en ? l.en : l.zh) : fallback);
}

/**
 * Yuan typed by a person ("1234.5", "1,234.50", "¥12") → integer fen, exactly (string arithmetic,
 * no floating point). Null when it is not an amount with at most two decimals.
 */
export function yuanToFen(input: string): number | null {
  const s = input.replace(/[¥,,\s]/g, '');
  const m = /^(\d{1,11})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Today in Beijing as YYYY-MM-DD. */
export const todayIso = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** Integer fen → the yuan string an input shows ("1234.50"), exactly. */
export const fenToYuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '' : `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
