// One bar chart of the cockpit; a click on a bar opens the list behind it. Loaded lazily (React.lazy)
// so echarts lands in its own chunk, as components/BarChart.tsx does.
import { BarChart as EBar } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([EBar, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ReportChartProps {
  categories: string[];
  series: { name: string; values: number[]; color: string }[];
  /** Where a click on the n-th category goes. */
  hrefs: string[];
  onOpen: (href: string) => void;
  /** Text alternative for the chart. */
  label: string;
  horizontal?: boolean;
}

export default function ReportChart({
  categories,
  series,
  hrefs,
  onOpen,
  label,
  horizontal,
}: ReportChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const open = useRef({ hrefs, onOpen });
  open.current = { hrefs, onOpen };

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (p) => {
      const href = open.current.hrefs[p.dataIndex];
      if (href) open.current.onOpen(href);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const category = {
      type: "category" as const,
      data: categories,
      axisTick: { show: false },
      ...(horizontal
        ? { inverse: true }
        : { axisLabel: { interval: 0, rotate: categories.length > 5 ? 30 : 0 } }),
    };
    chart.current?.setOption(
      {
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        legend: { top: 0, show: series.length > 1 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        xAxis: horizontal ? { type: "value" } : category,
        yAxis: horizontal ? category : { type: "value" },
        series: series.map((s) => ({
          name: s.name,
          type: "bar",
          data: s.values,
          cursor: "pointer",
          itemStyle: { color: s.color, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
          barMaxWidth: 18,
        })),
        textStyle: { fontFamily: "inherit" },
      },
      true,
    );
  }, [categories, series, horizontal]);

  const height = horizontal ? Math.max(200, 60 + categories.length * 36) : 280;
  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
