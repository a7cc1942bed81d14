import type { EChartsOption } from 'echarts';
import { createContext } from 'react';

/** A last step applied to every chart option below it (the large screens' dark recolouring); none by default. */
export const ChartTransformContext = createContext<((o: EChartsOption) => EChartsOption) | null>(null);
