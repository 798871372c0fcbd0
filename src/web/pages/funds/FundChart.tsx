// Budget vs reserved vs paid per budget line, as grouped horizontal bars. Loaded lazily so that
// echarts lands in its own chunk (as components/BarChart.tsx does).
import { BarChart as EBar } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBar, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface FundChartProps {
  categories: string[];
  series: { name: string; values: number[]; color: string }[];
  label: string;
}

export default function FundChart({ categories, series, label }: FundChartProps) {
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
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: categories, inverse: true, axisTick: { show: false } },
        series: series.map((s) => ({
          name: s.name,
          type: "bar",
          data: s.values,
          itemStyle: { color: s.color, borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 14,
        })),
        textStyle: { fontFamily: "inherit" },
      },
      true,
    );
  }, [categories, series]);

  const height = Math.max(160, 60 + categories.length * 54);
  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
