/** How the console writes numbers, money, times and durations: one place, so every page agrees. */

const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit' });
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

/** A chart's x label: the day, or the month for monthly buckets. */
export function formatBucketLabel(iso: string, bucket: 'day' | 'week' | 'month'): string {
  return bucket === 'month' ? monthYear.format(new Date(iso)) : shortDate.format(new Date(iso));
}

/** "3 min ago", "2 h ago", "5 d ago"; the full time is for a title attribute. */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** A rate as a percentage with one decimal (80.0 %); no events is "—", not 0 %. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`;
}

/** A duration in the largest unit that keeps it readable: 120 ms, 4.2 s, 28.7 min, 3 h. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const oneDecimal = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (seconds === 0) return '0';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${oneDecimal(seconds)} s`;
  if (seconds < 3600) return `${oneDecimal(seconds / 60)} min`;
  if (seconds < 86_400) return `${oneDecimal(seconds / 3600)} h`;
  return `${oneDecimal(seconds / 86_400)} d`;
}

/** Money as the API gives it (a number or decimal text), at least two decimals, up to four. */
export function formatMoney(amount: number | string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = typeof amount === 'number' ? amount : Number(amount);
  return `${n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 })} ${currency}`;
}

export function formatKwh(kwh: number | null | undefined): string {
  return kwh === null || kwh === undefined ? '—' : `${kwh.toLocaleString(undefined, { maximumFractionDigits: 3 })} kWh`;
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** Long ids (UUIDs) shortened for tables; the full id stays in the title and the link. */
export function shortId(id: string | null | undefined): string {
  if (!id) return '—';
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
