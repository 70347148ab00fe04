import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatValue } from "../lib/format";
import { rowLeaders, type GridRow } from "../lib/grid";
import type { ResultSite } from "../lib/results";

export const SITE_COLOURS = ["#5b4cf5", "#f08c00", "#0ca678", "#e64980", "#1c7ed6", "#ae3ec9", "#74b816", "#d9480f", "#0b7285", "#495057"];

export function siteColour(index: number): string {
  return SITE_COLOURS[index % SITE_COLOURS.length]!;
}

export function CategoryRadar({ sites, rows }: { sites: ResultSite[]; rows: GridRow[] }) {
  const categories = rows.filter((row) => row.kind === "category" && row.id !== "overall");
  if (categories.length < 3 || sites.length === 0) {
    return <p className="muted">Not enough scored categories for a radar chart.</p>;
  }
  const data = categories.map((row) => ({
    category: row.label,
    ...Object.fromEntries(sites.map((site) => [site.key, row.values[site.key] ?? 0])),
  }));
  return (
    <div className="chart chart--radar">
      <ResponsiveContainer width="100%" height={360}>
        <RadarChart data={data} outerRadius="72%">
          <PolarGrid stroke="#e3e6ee" />
          <PolarAngleAxis dataKey="category" tick={{ fill: "#4a5064", fontSize: 12 }} />
          <PolarRadiusAxis domain={[0, 100]} tickCount={5} tick={{ fill: "#9aa0b4", fontSize: 10 }} axisLine={false} />
          {sites.map((site, index) => (
            <Radar
              key={site.key}
              name={site.label}
              dataKey={site.key}
              stroke={siteColour(index)}
              strokeWidth={site.isPrimary ? 3 : 1.5}
              fill={siteColour(index)}
              fillOpacity={site.isPrimary ? 0.22 : 0.06}
              isAnimationActive={false}
            />
          ))}
          <Tooltip formatter={(value) => (typeof value === "number" ? Math.round(value) : String(value))} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One small bar chart per key metric; the leader's bar is drawn solid, the others light. */
export function MetricBars({ sites, rows }: { sites: ResultSite[]; rows: GridRow[] }) {
  const metrics = rows.filter((row) => row.kind === "metric" && row.unit !== "bool").slice(0, 6);
  if (!metrics.length) return <p className="muted">No key metrics to chart.</p>;
  const colourOf = new Map(sites.map((site, index) => [site.key, siteColour(index)]));
  return (
    <div className="chart-grid">
      {metrics.map((row) => {
        const leaders = rowLeaders(row);
        const data = sites
          .filter((site) => typeof row.values[site.key] === "number")
          .map((site) => ({ key: site.key, name: site.label, value: row.values[site.key] as number }));
        return (
          <figure key={row.id} className="chart chart--bars">
            <figcaption>
              {row.label}
              <span className="muted small"> · {row.direction === "lower" ? "lower is better" : "higher is better"}</span>
            </figcaption>
            <ResponsiveContainer width="100%" height={Math.max(120, data.length * 34 + 30)}>
              <BarChart data={data} layout="vertical" margin={{ left: 8, right: 56, top: 4, bottom: 4 }}>
                <CartesianGrid horizontal={false} stroke="#eef0f5" />
                <XAxis type="number" hide />
                <YAxis type="category" dataKey="name" width={130} tick={{ fill: "#4a5064", fontSize: 12 }} />
                <Tooltip formatter={(value) => (typeof value === "number" ? formatValue(value, row.unit) : String(value))} />
                <Bar
                  dataKey="value"
                  radius={[0, 4, 4, 0]}
                  isAnimationActive={false}
                  label={{ position: "right", fontSize: 11, fill: "#4a5064", formatter: (value: unknown) => (typeof value === "number" ? formatValue(value, row.unit) : "") }}
                >
                  {data.map((entry) => (
                    <Cell key={entry.key} fill={colourOf.get(entry.key)} fillOpacity={leaders.has(entry.key) ? 1 : 0.45} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </figure>
        );
      })}
    </div>
  );
}
