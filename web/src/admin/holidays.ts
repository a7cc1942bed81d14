import { isIsoDate } from '../../../queries/time.ts';

/** One row of the R11 holiday list editor. */
export interface HolidayRow {
  day: string;
  name: string;
}

/**
 * The list as `GET /api/rules` returns it: days (`yyyy-mm-dd`), or `{ day, name }` objects should the server send
 * names. A day without a name gets 节假日 so that saving the list back is valid.
 */
export function holidaysFromApi(raw: ReadonlyArray<string | { day: string; name?: string | null }> | undefined): HolidayRow[] {
  return (raw ?? [])
    .map((h) => (typeof h === 'string' ? { day: h.slice(0, 10), name: '节假日' } : { day: String(h.day).slice(0, 10), name: h.name || '节假日' }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Problems by row index (`day` / `name`), or an empty object when the list can be saved. */
export function holidayProblems(rows: readonly HolidayRow[]): Record<number, { day?: string; name?: string }> {
  const out: Record<number, { day?: string; name?: string }> = {};
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const p: { day?: string; name?: string } = {};
    if (!isIsoDate(r.day)) p.day = '日期格式应为 yyyy-mm-dd';
    else if (seen.has(r.day)) p.day = `与第 ${seen.get(r.day)! + 1} 行日期重复`;
    else seen.set(r.day, i);
    const name = r.name.trim();
    if (name === '') p.name = '请填写名称';
    else if (name.length > 40) p.name = '名称不超过 40 字';
    if (p.day || p.name) out[i] = p;
  });
  return out;
}

/** The body of `PUT /api/holidays`: trimmed names, in date order. */
export function holidaysBody(rows: readonly HolidayRow[]): { items: HolidayRow[] } {
  return { items: rows.map((r) => ({ day: r.day, name: r.name.trim() })).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)) };
}
