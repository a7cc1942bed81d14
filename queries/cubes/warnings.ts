import { dimensions as d, regionLevels } from '../dimensions.ts';
import { handledCount, handlingRate, warningAmount, warningCount } from '../metrics/warnings.ts';
import { caseWhen, cast, coalesce, col, eq, fn, join, lit, ne, notNull, select, str, substr, table, type Expr } from '../sql/ast.ts';
import { defineCube } from './define.ts';

const path = (): Array<[string, Expr]> => regionLevels.map((c) => [c, col(c, 'rp')]);
const org = (): Array<[string, Expr]> => [
  ['mof_div_code', col('mof_div_code', 'w')],
  ['agency_code', col('agency_code', 'w')],
  ['dept_code', substr(col('agency_code', 'w'), 1, 3)],
];
const fromWarnings = () => join(table('warning', 'w'), table('region_path', 'rp'), eq(col('mof_div_code', 'rp'), col('mof_div_code', 'w')));
const orgDims = [d.lvl1_code, d.lvl2_code, d.lvl3_code, d.lvl4_code, d.mof_div_code, d.agency_code, d.dept_code];

/** 风险预警 cube: counts and amounts by rule × severity × status × month first seen × org path. */
export const warningsCube = defineCube({
  id: 'warnings',
  label: { zh: '风险预警', en: 'Risk warnings' },
  table: 'cube_warnings',
  dimensions: [d.rule_id, d.severity, d.status, d.resolved, d.fiscal_year, d.seen_month, ...orgDims],
  parts: [
    { id: 'warning_count', label: { zh: '预警数', en: 'Warnings' }, kind: 'count' },
    { id: 'handled_count', label: { zh: '已处理数', en: 'Handled' }, kind: 'count' },
    { id: 'amount_fen', label: { zh: '涉及金额（分）', en: 'Amount (fen)' }, kind: 'fen' },
  ],
  metrics: [warningCount, handledCount, handlingRate, warningAmount],
  source: select({
    select: [
      ['rule_id', col('rule_id', 'w')], ['severity', col('severity', 'w')], ['status', col('status', 'w')],
      ['resolved', caseWhen([[notNull(col('resolved_at', 'w')), lit(1)]], lit(0))],
      ['fiscal_year', cast(col('fiscal_year', 'w'), 'integer')],
      ['seen_month', fn('month_key', col('first_seen_as_of', 'w'))],
      ...path(), ...org(),
      ['warning_count', cast(lit(1), 'bigint')],
      ['handled_count', cast(caseWhen([[ne(col('status', 'w'), str('open')), lit(1)]], lit(0)), 'bigint')],
      ['amount_fen', cast(coalesce(col('amount_fen', 'w'), lit(0)), 'bigint')],
    ],
    from: fromWarnings(),
  }),
  partitionBy: [],
  asOfFilter: false,
});

/** The handling status of warnings at the end of each month, so "open at the end of month M" is a slice. */
export const warningStatusCube = defineCube({
  id: 'warning_status',
  label: { zh: '预警月末状态', en: 'Warning status at month end' },
  table: 'cube_warning_status',
  dimensions: [d.month, d.rule_id, d.severity, d.status, d.resolved, d.fiscal_year, ...orgDims],
  parts: [{ id: 'warning_count', label: { zh: '预警数', en: 'Warnings' }, kind: 'count' }],
  metrics: [warningCount],
  source: select({
    select: [
      ['month', col('month', 'm')], ['rule_id', col('rule_id', 'w')], ['severity', col('severity', 'w')], ['status', col('status', 'm')],
      ['resolved', caseWhen([[col('resolved', 'm'), lit(1)]], lit(0))], ['fiscal_year', cast(col('fiscal_year', 'w'), 'integer')],
      ...path(), ...org(),
      ['warning_count', cast(lit(1), 'bigint')],
    ],
    from: join(table('warning_month_status', 'm'), fromWarnings(), eq(col('warning_id', 'w'), col('warning_id', 'm'))),
  }),
  partitionBy: [],
  asOfFilter: false,
});
