import { useId, useMemo, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Trends } from "../api/types";
import { formatDate } from "../lib/format";
import { scoreAxis, trendCategories, trendData, type TrendMeasure } from "../lib/sets";
import { siteColour } from "./Charts";

function shortDate(iso: string, seconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}) });
}


/**
 * A line per site over the set's finished runs, in one category at a time: your site drawn
 * bold, the competitors thin. A run where a site has no value leaves a gap in its line.
 */
export function TrendChart({ trends }: { trends: Trends }) {
  const id = useId();
  const categories = trendCategories(trends);
  const [category, setCategory] = useState(categories[0]?.id ?? "overall");
  const [measure, setMeasure] = useState<TrendMeasure>("scores");
  const current = categories.some((c) => c.id === category) ? category : (categories[0]?.id ?? "overall");
  const { rows, series } = useMemo(() => trendData(trends, current, measure), [trends, current, measure]);

  const axis = useMemo(() => scoreAxis(rows, series), [rows, series]);
  const rankTicks = Array.from({ length: Math.max(series.length, 2) }, (_, index) => index + 1);
  const labels = rows.map((row) => shortDate(row.at));
  const seconds = new Set(labels).size < labels.length;
  if (!trends.runs.length) return <p className="muted">Trends appear once a run of this set has finished.</p>;
  const ranks = measure === "ranks";
  return (
    <div className="trend" data-testid="trend-chart">
      <div className="trend__controls">
        <label htmlFor={`${id}-category`}>Category</label>
        <select id={`${id}-category`} value={current} onChange={(e) => setCategory(e.target.value)}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <div className="segmented segmented--inline" role="radiogroup" aria-label="Measure">
          {(["scores", "ranks"] as const).map((value) => (
            <label key={value} className={`segmented__option${measure === value ? " is-active" : ""}`}>
              <input type="radio" name={`${id}-measure`} value={value} checked={measure === value} onChange={() => setMeasure(value)} />
              <span className="segmented__title">{value === "scores" ? "Score" : "Rank"}</span>
            </label>
          ))}
        </div>
        {trends.runs.length === 1 && <span className="muted small">One run so far: the lines start with the next.</span>}
      </div>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={rows} margin={{ left: 0, right: 24, top: 8, bottom: 4 }}>
          <CartesianGrid stroke="#eef0f5" />
          <XAxis
            dataKey="at"
            tickFormatter={(at: string) => shortDate(at, seconds)}
            interval="preserveStartEnd"
            padding={{ left: 24, right: 24 }}
            tick={{ fill: "#4a5064", fontSize: 12 }}
          />
          <YAxis
            domain={ranks ? [1, rankTicks.length] : axis.domain}
            ticks={ranks ? rankTicks : axis.ticks}
            reversed={ranks}
            allowDecimals={!ranks}
            width={40}
            tick={{ fill: "#9aa0b4", fontSize: 11 }}
          />
          <Tooltip
            labelFormatter={(label) => (typeof label === "string" ? formatDate(label) : String(label))}
            formatter={(value) => (typeof value === "number" ? (ranks ? `#${value}` : Math.round(value)) : "—")}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {series.map((line, index) => (
            <Line
              key={line.key}
              type="monotone"
              dataKey={line.key}
              name={line.isPrimary ? `${line.label} (you)` : line.label}
              stroke={siteColour(index)}
              strokeWidth={line.isPrimary ? 3.5 : 1.5}
              strokeOpacity={line.isPrimary ? 1 : 0.75}
              dot={{ r: line.isPrimary ? 4 : 3 }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
