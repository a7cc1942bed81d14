/** The handling workflow of a warning: 待核实 → 确认违规 | 核实正常; 确认违规 → 已整改. */
export const statuses = ['open', 'confirmed', 'cleared', 'rectified'] as const;
export type WarningStatus = (typeof statuses)[number];

export const statusLabels: Record<WarningStatus, string> = { open: '待核实', confirmed: '确认违规', cleared: '核实正常', rectified: '已整改' };

export const transitions: Record<WarningStatus, readonly WarningStatus[]> = {
  open: ['confirmed', 'cleared'],
  confirmed: ['rectified'],
  cleared: [],
  rectified: [],
};

export function canMove(from: WarningStatus, to: WarningStatus): boolean {
  return transitions[from].includes(to);
}
