import * as echarts from 'echarts';

/**
 * Charts rendered on the server to SVG with ECharts' SSR mode: no client bundle, nothing to load in
 * the browser. The SVG is ECharts' own output (it escapes the labels), embedded in the page as is.
 */
const fontFamily = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif';
const palette = ['#1d4e89', '#2e9d6b', '#d97706', '#7c3aed', '#c0392b', '#0e7490', '#a16207', '#be185d'];

function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: palette, textStyle: { fontFamily }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

interface MonthlySeries {
  months: string[];
  received: number[];
  settled: number[];
}

/** 受理 and 调解成功 by month, as grouped bars. */
export function monthlyChart(data: MonthlySeries, width = 820, height = 320): string {
  return render(
    {
      title: { text: '按月受理与调解成功', left: 'center', textStyle: { fontSize: 15, fontFamily } },
      legend: { bottom: 0, data: ['受理', '调解成功'] },
      grid: { left: 56, right: 20, top: 56, bottom: 50 },
      xAxis: { type: 'category', data: data.months.map((month) => `${Number(month.slice(5, 7))}月`) },
      yAxis: { type: 'value', name: '件', minInterval: 1 },
      series: [
        {
          name: '受理',
          type: 'bar',
          data: data.received,
          label: { show: data.months.length <= 12, position: 'top', fontSize: 10 },
        },
        { name: '调解成功', type: 'bar', data: data.settled, barMaxWidth: 28 },
      ],
    },
    width,
    height,
  );
}

interface NamedCount {
  name: string;
  value: number;
}

/** Counts by a label (纠纷类别), as horizontal bars, largest on top. */
export function rankedBarChart(title: string, items: NamedCount[], width = 520, height = 360): string {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  return render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15, fontFamily } },
      grid: { left: 110, right: 50, top: 40, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: sorted.map((item) => item.name) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: sorted.map((item) => item.value),
          label: { show: true, position: 'right', fontSize: 11 },
        },
      ],
    },
    width,
    height,
  );
}

/** Shares of a whole (来源渠道), as a ring. */
export function shareChart(title: string, items: NamedCount[], width = 520, height = 360): string {
  return render(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 15, fontFamily } },
      legend: { type: 'plain', bottom: 0, left: 'center' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '48%'],
          data: items.filter((item) => item.value > 0),
          label: { formatter: '{b}\n{c}件 ({d}%)', fontSize: 11 },
        },
      ],
    },
    width,
    height,
  );
}
