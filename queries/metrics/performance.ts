import { ratio } from '../sql/ast.ts';
import { defineMetric, type Metric } from './define.ts';

const kind3 = { zh: '特定目标类项目（项目类别3）；与资金性质无关', en: 'Kind-3 (specific-purpose) projects; independent of fund types' };

export const projectCount = defineMetric({
  id: 'project_count',
  label: { zh: '项目数', en: 'Projects' },
  format: 'count',
  caliber: { definition: { zh: '项目库项目个数（各类别）', en: 'Projects of every kind' }, fundTypes: { zh: '与资金性质无关', en: 'Independent of fund types' } },
  parts: ['project_count'],
  value: (p) => p.project_count,
});

export const projectAmount = defineMetric({
  id: 'project_amount',
  label: { zh: '项目金额', en: 'Project amount' },
  format: 'fen',
  caliber: { definition: { zh: '项目库项目金额合计（各类别）', en: 'Sum of project amounts, every kind' }, fundTypes: { zh: '与资金性质无关', en: 'Independent of fund types' } },
  parts: ['amount_fen'],
  value: (p) => p.amount_fen,
});

/** A coverage ratio over kind-3 projects, by count or by amount: numerator and denominator over the same set. */
function coverage(id: string, zh: string, en: string, num: string, den: string, byAmount: boolean, note: { zh: string; en: string }): Metric {
  return defineMetric({
    id,
    label: { zh: `${zh}${byAmount ? '（按金额）' : ''}`, en: `${en}${byAmount ? ' (by amount)' : ''}` },
    format: 'percent1',
    caliber: {
      definition: { zh: `${note.zh}${byAmount ? '，按项目金额' : '，按项目个数'}`, en: `${note.en}${byAmount ? ', by amount' : ', by count'}` },
      fundTypes: kind3,
      denominator: { zh: byAmount ? '特定目标类项目金额' : '特定目标类项目个数', en: byAmount ? 'Amount of kind-3 projects' : 'Number of kind-3 projects' },
    },
    parts: [num, den],
    value: (p) => ratio(p[num], p[den]),
  });
}

const goal = { zh: '已设定绩效目标的特定目标类项目 ÷ 特定目标类项目（当年）', en: 'Kind-3 projects with a performance goal ÷ kind-3 projects (this year)' };
const monitor = { zh: '已开展绩效运行监控的特定目标类项目 ÷ 特定目标类项目（当年）', en: 'Kind-3 projects monitored ÷ kind-3 projects (this year)' };
const evaluation = { zh: '上一年度已开展绩效评价的特定目标类项目 ÷ 上一年度特定目标类项目（评价在次年开展）', en: "Previous year's kind-3 projects evaluated ÷ the previous year's kind-3 projects" };
const self = { zh: '上一年度开展单位自评的特定目标类项目 ÷ 上一年度特定目标类项目', en: 'Self-evaluated ÷ kind-3 projects of the previous year' };
const key = { zh: '上一年度开展重点评价（部门评价、财政评价）的特定目标类项目 ÷ 上一年度特定目标类项目', en: 'Key evaluations (department, finance) ÷ kind-3 projects of the previous year' };

export const goalCoverage = coverage('goal_coverage', '绩效目标覆盖率', 'Goal coverage', 'k3_goal_count', 'k3_count', false, goal);
export const goalCoverageAmount = coverage('goal_coverage_amount', '绩效目标覆盖率', 'Goal coverage', 'k3_goal_amount_fen', 'k3_amount_fen', true, goal);
export const monitorCoverage = coverage('monitor_coverage', '绩效监控覆盖率', 'Monitoring coverage', 'k3_monitored_count', 'k3_count', false, monitor);
export const monitorCoverageAmount = coverage('monitor_coverage_amount', '绩效监控覆盖率', 'Monitoring coverage', 'k3_monitored_amount_fen', 'k3_amount_fen', true, monitor);
export const evalCoverage = coverage('eval_coverage', '绩效评价覆盖率', 'Evaluation coverage', 'k3_eval_count', 'k3_count', false, evaluation);
export const evalCoverageAmount = coverage('eval_coverage_amount', '绩效评价覆盖率', 'Evaluation coverage', 'k3_eval_amount_fen', 'k3_amount_fen', true, evaluation);
export const selfEvalCoverage = coverage('self_eval_coverage', '单位自评覆盖率', 'Self-evaluation coverage', 'k3_self_count', 'k3_count', false, self);
export const selfEvalCoverageAmount = coverage('self_eval_coverage_amount', '单位自评覆盖率', 'Self-evaluation coverage', 'k3_self_amount_fen', 'k3_amount_fen', true, self);
export const keyEvalCoverage = coverage('key_eval_coverage', '重点评价覆盖率', 'Key evaluation coverage', 'k3_key_count', 'k3_count', false, key);
export const keyEvalCoverageAmount = coverage('key_eval_coverage_amount', '重点评价覆盖率', 'Key evaluation coverage', 'k3_key_amount_fen', 'k3_amount_fen', true, key);
