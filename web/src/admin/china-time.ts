/** Instants shown in China time (Asia/Shanghai) whatever the browser's own time zone. */

const TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Parses an instant as the API sends it: ISO 8601 (`2026-10-31T04:00:00.000Z`) or PostgreSQL's text form of a
 * timestamptz (`2026-10-31 12:00:00.123+08`, `…+05:30`). A value without an offset is not an instant: null.
 */
export function parseInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(value.trim());
  if (!m) return null;
  let offset = m[3].toUpperCase();
  if (offset !== 'Z') offset = offset.length === 3 ? `${offset}:00` : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const d = new Date(`${m[1]}T${m[2]}${offset}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-10-31 12:00:00` in China time; '' for a missing or unreadable value. */
export function formatChinaTime(value: string | Date | null | undefined): string {
  const d = value instanceof Date ? value : parseInstant(value);
  if (!d) return '';
  const parts = Object.fromEntries(formatter.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
