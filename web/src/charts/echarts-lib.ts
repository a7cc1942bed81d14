/** The parts of ECharts the dashboards use, registered once. Loaded lazily (its own chunk) by EChart.tsx. */
import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import {
  AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, PieChart, HeatmapChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent,
  DataZoomComponent, VisualMapComponent, AriaComponent, CanvasRenderer,
]);
// The workbench's treemap.
echarts.use([TreemapChart]);

export { echarts };
