'use client';
// Charts of the KPI panels (recharts). Each is drawn beside a table with the same numbers (see kpi-panels.tsx), so a
// screen reader, a printout or a colour-blind reader loses nothing. The charts are a picture of that table: hidden
// from assistive technology (aria-hidden) and without recharts' accessibility layer, which would make each chart's
// <svg> a tab stop (tabindex="0", role="application") — a focusable element inside a hidden one (WCAG 4.1.2).
import {
  CartesianGrid,
  Line,
  LineChart,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '@/lib/format';

const pct = (v: number | null | undefined) => formatPercent(v ?? null);

/** The 766 score's parts: the share of each part's points earned (0–100 %). */
export function ScoreRadar({ parts }: { parts: Array<{ label: string; share: number }> }) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 420, height: 280 }}>
        <RadarChart data={parts} outerRadius="70%" accessibilityLayer={false}>
          <PolarGrid />
          <PolarAngleAxis dataKey="label" tick={{ fontSize: 11 }} />
          <PolarRadiusAxis
            domain={[0, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}`}
            tick={{ fontSize: 10 }}
            angle={90}
          />
          <Radar dataKey="share" stroke="#b3261e" fill="#b3261e" fillOpacity={0.25} isAnimationActive={false} />
          <Tooltip formatter={(v) => pct(Number(v))} />
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One KPI month by month against its target (a dashed line). */
export function TrendChart({
  points,
  target,
}: {
  points: Array<{ label: string; value: number | null }>;
  target: number | null;
}) {
  return (
    <div className="chart small" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 170 }}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}`} tick={{ fontSize: 10 }} />
          {target !== null ? <ReferenceLine y={target} stroke="#9a6700" strokeDasharray="6 3" /> : null}
          <Line dataKey="value" stroke="#1d4ed8" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          <Tooltip formatter={(v) => pct(v === null ? null : Number(v))} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
