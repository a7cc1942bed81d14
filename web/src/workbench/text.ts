import type { Lang } from '../i18n/lang.ts';

/** The workbench's own strings (zh first, en switch), kept beside it rather than in the shared message table. */
const zh = {
  title: '分析工作台', cube: '数据集', rows: '行', columns: '列', metrics: '指标', filters: '筛选', conditions: '指标条件', sort: '排序',
  topN: '前 N 行', totals: '小计与合计', add: '添加…', none: '（无）', desc: '降序', apply: '应用', cancel: '取消', search: '搜索',
  monthRange: '月份范围', from: '从', to: '至', pivot: '透视表', chart: '图表', sql: 'SQL', save: '保存视图', saveAs: '另存为',
  exportXlsx: '导出 Excel', exportCsv: '导出 CSV', exportPng: '导出 PNG', name: '名称', description: '说明', shared: '共享给范围覆盖此视图的用户',
  savedViews: '已保存的视图', open: '打开…', rowsShown: '行', running: '计算中…', run: '执行', sqlHint: '只读查询：仅一条 SELECT / WITH 语句，数据仅含您权限范围内的内容。表：',
  total: '总计', subtotal: '小计', own: '本级', unit: '单位', noDrill: '无法穿透', drillTitle: '明细穿透', close: '关闭', saved: '已保存',
  selectAll: '全选', clear: '清空', lagging: '红色：进度滞后', delete: '删除', owner: '创建者', errorAt: '位置',
} as const;
export type TextKey = keyof typeof zh;
const en: Record<TextKey, string> = {
  title: 'Analyst workbench', cube: 'Cube', rows: 'Rows', columns: 'Columns', metrics: 'Metrics', filters: 'Filters', conditions: 'Metric conditions', sort: 'Sort',
  topN: 'Top N rows', totals: 'Subtotals and totals', add: 'Add…', none: '(none)', desc: 'Descending', apply: 'Apply', cancel: 'Cancel', search: 'Search',
  monthRange: 'Month range', from: 'From', to: 'To', pivot: 'Pivot', chart: 'Chart', sql: 'SQL', save: 'Save view', saveAs: 'Save as',
  exportXlsx: 'Export Excel', exportCsv: 'Export CSV', exportPng: 'Export PNG', name: 'Name', description: 'Description', shared: 'Share with users whose scope covers this view',
  savedViews: 'Saved views', open: 'Open…', rowsShown: 'rows', running: 'Running…', run: 'Run', sqlHint: 'Read-only: one SELECT / WITH statement over the data in your scope. Tables: ',
  total: 'Total', subtotal: 'Subtotal', own: 'Own units', unit: 'Unit', noDrill: 'Cannot drill through', drillTitle: 'Drill-through', close: 'Close', saved: 'Saved',
  selectAll: 'All', clear: 'Clear', lagging: 'Red: lagging', delete: 'Delete', owner: 'Owner', errorAt: 'at',
};

export const text = (lang: Lang) => (key: TextKey) => (lang === 'en' ? en[key] : zh[key]);
