/**
 * The only ECharts parts the app ships (tree-shaken): add a chart or component here when a view needs
 * it. Importing this module registers them once.
 *
 * The cockpit and the big screen draw with the SVG renderer (crisp at any size, one DOM element per bar
 * or slice, exportable as SVG); the system status chart and the route Gantt keep the canvas renderer.
 */
import { BarChart, CustomChart, FunnelChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  // The project page's route Gantt (renderItem bars).
  CustomChart,
  FunnelChart,
  LineChart,
  PieChart,
  ScatterChart,
  DatasetComponent,
  GraphicComponent,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AxisPointerComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  CanvasRenderer,
  SVGRenderer,
]);
