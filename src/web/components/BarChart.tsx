// Loaded lazily (React.lazy) so that echarts lands in its own chunk and only pages with a chart
// download it.
import { BarChart as EBar } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBar, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarChartProps {
  categories: string[];
  values: number[];
  /** Text alternative for the chart. */
  label: string;
  color?: string;
  height?: number;
}

export default function BarChart({
  categories,
  values,
  label,
  color = "#1d4ed8",
  height = 220,
}: BarChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: categories, inverse: true, axisTick: { show: false } },
        series: [
          { type: "bar", data: values, itemStyle: { color, borderRadius: [0, 4, 4, 0] }, barMaxWidth: 18 },
        ],
        textStyle: { fontFamily: "inherit" },
      },
      true,
    );
  }, [categories, values, color]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
