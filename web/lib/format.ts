import { i18n } from './i18n';

const TZ = 'Asia/Shanghai';
const locale = () => (i18n.language === 'en' ? 'en-GB' : 'zh-CN');

/** Integer fen → "¥1,234.56". */
export const formatMoney = (fen: number | null | undefined): string => {
  if (fen === null || fen === undefined) return '—';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'CNY' }).format(fen / 100);
};

/** ISO instant → local Beijing time "2026-11-28 09:30". */
export const formatDateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};

/** ISO date (YYYY-MM-DD) or instant → date in Beijing. */
export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return formatDateTime(iso).slice(0, 10);
};

/** Start / end of a Beijing calendar day as an ISO instant (for date-range filters). */
export const shanghaiDayStart = (ymd: string) => new Date(`${ymd}T00:00:00+08:00`).toISOString();
export const shanghaiDayEnd = (ymd: string) => new Date(`${ymd}T23:59:59.999+08:00`).toISOString();
