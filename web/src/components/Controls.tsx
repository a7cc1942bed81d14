import { moneyUnits, type MoneyUnit } from '../../../queries/format.ts';
import type { Label } from '../../../queries/labels.ts';
import type { RegionTree } from '../data/regions.ts';
import type { AsOfOption } from '../dashboards/search.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Lang } from '../i18n/lang.ts';

/** 资金性质 choices by prefix (DOMAIN.md): '' = all fund types. */
export const fundOptions: ReadonlyArray<{ value: string; label: Label }> = [
  { value: '', label: { zh: '全部资金', en: 'All funds' } },
  { value: '1', label: { zh: '财政拨款', en: 'Government budget funds' } },
  { value: '11', label: { zh: '一般公共预算', en: 'General public budget' } },
  { value: '12', label: { zh: '政府性基金', en: 'Government funds' } },
  { value: '3', label: { zh: '单位资金', en: "Units' own funds" } },
];

/** 财政区划 picker: the whole tree, indented by level, top as 全X (汇总). */
export function OrgPicker({ regions, value, onChange }: { regions: RegionTree; value: string; onChange: (code: string) => void }) {
  const { t } = useI18n();
  const depth0 = Math.min(...regions.roots.map((r) => r.level));
  return (
    <label className="control">
      <span className="control-label">{t('control.org')}</span>
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

/** A select of coded choices with an 全部 entry; a value from the URL that is not listed still shows. */
export function CodeSelect({ label, value, options, onChange, testId }: { label: string; value: string | undefined; options: ReadonlyArray<{ value: string; label: string }>; onChange: (v: string | undefined) => void; testId: string }) {
  const { t } = useI18n();
  const known = !value || options.some((o) => o.value === value);
  return (
    <label className="control">
      <span className="control-label">{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
        <option value="">{t('control.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {!known && value ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}

export function FundSelect({ value, onChange }: { value: string | undefined; onChange: (fund: string | undefined) => void }) {
  const { t, label } = useI18n();
  const known = fundOptions.some((o) => o.value === (value ?? ''));
  return (
    <label className="control">
      <span className="control-label">{t('control.fund')}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid="fund-select">
        {fundOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value ? `${label(o.label)}（${o.value}）` : label(o.label)}
          </option>
        ))}
        {!known && value ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}

export function AsOfSelect({ options, value, onChange }: { options: readonly AsOfOption[]; value: string; onChange: (asOf: string) => void }) {
  const { t, lang } = useI18n();
  const years = [...new Set(options.map((o) => o.year))];
  const listed = options.some((o) => o.value === value);
  return (
    <label className="control">
      <span className="control-label">{t('control.asOf')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="asof-select">
        {!listed ? <option value={value}>{value}</option> : null}
        {years.map((y) => (
          <optgroup key={y} label={lang === 'en' ? String(y) : `${y}年`}>
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

function Segmented<T extends string>({ label, value, options, onChange, testId }: { label: string; value: T; options: ReadonlyArray<{ value: T; text: string }>; onChange: (v: T) => void; testId: string }) {
  return (
    <div className="control" role="radiogroup" aria-label={label}>
      <span className="control-label">{label}</span>
      <div className="segmented">
        {options.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={o.value === value} className={o.value === value ? 'on' : ''} onClick={() => onChange(o.value)} data-testid={`${testId}-${o.value}`}>
            {o.text}
          </button>
        ))}
      </div>
    </div>
  );
}

export function UnitSwitch({ value, onChange }: { value: MoneyUnit; onChange: (u: MoneyUnit) => void }) {
  const { t, lang } = useI18n();
  return <Segmented label={t('control.unit')} value={value} onChange={onChange} testId="unit" options={(['yuan', 'wan', 'yi'] as const).map((u) => ({ value: u, text: lang === 'en' ? moneyUnits[u].en : moneyUnits[u].zh }))} />;
}

export function LangSwitch({ value, onChange }: { value: Lang; onChange: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <Segmented
      label={t('control.lang')}
      value={value}
      onChange={onChange}
      testId="lang"
      options={[
        { value: 'zh', text: '中文' },
        { value: 'en', text: 'EN' },
      ]}
    />
  );
}
