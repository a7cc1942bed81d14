import type { MoneyUnit } from '../../../queries/format.ts';
import { moneyUnits } from '../../../queries/format.ts';
import type { RegionTree } from '../data/regions.ts';
import type { AsOfOption } from '../routes/execution-search.ts';

/** 资金性质 choices by prefix (DOMAIN.md): '' = all fund types. */
export const fundOptions: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: '全部资金' },
  { value: '1', label: '财政拨款' },
  { value: '11', label: '一般公共预算' },
  { value: '12', label: '政府性基金' },
  { value: '3', label: '单位资金' },
];

export function fundLabel(fund: string | undefined): string {
  return fundOptions.find((o) => o.value === (fund ?? ''))?.label ?? `资金性质 ${fund}`;
}

/** 财政区划 picker: the whole tree, indented by level, top as 全X (汇总). */
export function OrgPicker({ regions, value, onChange }: { regions: RegionTree; value: string; onChange: (code: string) => void }) {
  const depth0 = Math.min(...regions.roots.map((r) => r.level));
  return (
    <label className="control">
      <span className="control-label">财政区划</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="org-select">
        {regions.walk().map((r) => (
          <option key={r.code} value={r.code}>
            {'\u3000'.repeat(r.level - depth0)}
            {r.parentCode && regions.get(r.parentCode) ? r.name : regions.consolidatedLabel(r.code)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FundSelect({ value, onChange }: { value: string | undefined; onChange: (fund: string | undefined) => void }) {
  const known = fundOptions.some((o) => o.value === (value ?? ''));
  return (
    <label className="control">
      <span className="control-label">资金性质</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid="fund-select">
        {fundOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value ? `${o.label}（${o.value}）` : o.label}
          </option>
        ))}
        {!known && value ? <option value={value}>{fundLabel(value)}</option> : null}
      </select>
    </label>
  );
}

export function AsOfSelect({ options, value, onChange }: { options: readonly AsOfOption[]; value: string; onChange: (asOf: string) => void }) {
  const years = [...new Set(options.map((o) => o.year))];
  const listed = options.some((o) => o.value === value);
  return (
    <label className="control">
      <span className="control-label">统计截至</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="asof-select">
        {!listed ? <option value={value}>{value}</option> : null}
        {years.map((y) => (
          <optgroup key={y} label={`${y}年`}>
            {options
              .filter((o) => o.year === y)
              .map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

export function UnitSwitch({ value, onChange }: { value: MoneyUnit; onChange: (u: MoneyUnit) => void }) {
  return (
    <div className="control" role="radiogroup" aria-label="金额单位">
      <span className="control-label">金额单位</span>
      <div className="segmented">
        {(['yuan', 'wan', 'yi'] as const).map((u) => (
          <button key={u} type="button" role="radio" aria-checked={u === value} className={u === value ? 'on' : ''} onClick={() => onChange(u)} data-testid={`unit-${u}`}>
            {moneyUnits[u].zh}
          </button>
        ))}
      </div>
    </div>
  );
}
