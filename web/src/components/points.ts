import { formatPoints } from '../../../queries/format.ts';

/** 进度偏差 as a signed number without its unit ("-1.3"), for cells whose header or label carries 个百分点. */
export function formatPointsValue(pp: number | null | undefined): string {
  return formatPoints(pp, 'zh').replace(/个百分点$/, '');
}
