import { ratio } from '../sql/ast.ts';
import { defineMetric } from './define.ts';

const ALL = { zh: '与资金性质无关', en: 'Independent of fund types' };

export const warningCount = defineMetric({
  id: 'warning_count',
  label: { zh: '预警数', en: 'Warnings' },
  format: 'count',
  caliber: { definition: { zh: '规则命中的预警条数（含已消除，可按状态筛选）', en: 'Rule hits, resolved ones included unless filtered' }, fundTypes: ALL },
  parts: ['warning_count'],
  value: (p) => p.warning_count,
});

export const handledCount = defineMetric({
  id: 'handled_count',
  label: { zh: '已处理数', en: 'Handled' },
  format: 'count',
  caliber: { definition: { zh: '状态为确认违规、核实正常或已整改的预警条数', en: 'Warnings confirmed, cleared or rectified' }, fundTypes: ALL },
  parts: ['handled_count'],
  value: (p) => p.handled_count,
});

/** 处理率 = handled ÷ all warnings. */
export const handlingRate = defineMetric({
  id: 'handling_rate',
  label: { zh: '处理率', en: 'Handling rate' },
  format: 'percent1',
  caliber: {
    definition: { zh: '已处理（确认违规、核实正常、已整改）÷ 预警总数', en: 'Handled (confirmed, cleared, rectified) ÷ all warnings' },
    fundTypes: ALL,
    denominator: { zh: '所选范围内的全部预警', en: 'All warnings in the slice' },
  },
  parts: ['handled_count', 'warning_count'],
  value: (p) => ratio(p.handled_count, p.warning_count),
});

export const warningAmount = defineMetric({
  id: 'warning_amount',
  label: { zh: '涉及金额', en: 'Amount involved' },
  format: 'fen',
  caliber: { definition: { zh: '预警涉及的金额（支付金额、超支额、未下达额等，按规则口径）', en: 'Amount each hit concerns, per rule' }, fundTypes: ALL },
  parts: ['amount_fen'],
  value: (p) => p.amount_fen,
});
