import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from "recharts";
import { barPercent, scaleEnd } from "../lib/chartScale";
import { formatValue } from "../lib/format";
import { rowLeaders, type GridRow } from "../lib/grid";
import type { ResultSite } from "../lib/results";

export const SITE_COLOURS = ["#5b4cf5", "#f08c00", "#0ca678", "#e64980", "#1c7ed6", "#ae3ec9", "#74b816", "#d9480f", "#0b7285", "#495057"];

export function siteColour(index: number): string {
  return SITE_COLOURS[index % SITE_COLOURS.length]!;
}

/** A score the comparison has for this site (a missing one is not a 0). */
function scored(row: GridRow, key: string): boolean {
  const value = row.values[key];
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * The category scores of every site on one radar. A category some site has no score for is
 * left off the radar and named under it: drawn at 0, an unmeasured score would look like the
 * worst one.
 */
export function CategoryRadar({ sites, rows }: { sites: ResultSite[]; rows: GridRow[] }) {
  const all = rows.filter((row) => row.kind === "category" && row.id !== "overall");
  const categories = all.filter((row) => sites.every((site) => scored(row, site.key)));
  const unmeasured = all.filter((row) => !categories.includes(row));
  const note = unmeasured.length > 0 && (
    <p className="muted small" data-testid="radar-unmeasured">
      Not on the chart, not scored for every site: {unmeasured.map((row) => row.label).join(", ")}.
    </p>
  );
  if (categories.length < 3 || sites.length === 0) {
    return (
      <>
        <p className="muted">Not enough categories scored for every site for a radar chart.</p>
        {note}
      </>
    );
  }
  const data = categories.map((row) => ({
    category: row.label,
    ...Object.fromEntries(sites.map((site) => [site.key, row.values[site.key]])),
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
      {note}
    </div>
  );
}

/**
 * One small bar chart per key metric; the leader's bar is drawn solid, the others light. A bar's
 * length is its value on the metric's own scale (lib/chartScale.ts), which starts at 0 and the
 * caption states: a CLS of 0.03 on a 0–0.25 scale is a short bar, not a full one.
 */
export function MetricBars({ sites, rows }: { sites: ResultSite[]; rows: GridRow[] }) {
  const metrics = rows.filter((row) => row.kind === "metric" && row.unit !== "bool").slice(0, 6);
  if (!metrics.length) return <p className="muted">No key metrics to chart.</p>;
  const colourOf = new Map(sites.map((site, index) => [site.key, siteColour(index)]));
  return (
    <div className="chart-grid">
      {metrics.map((row) => {
        const leaders = rowLeaders(row);
        const data = sites
          .filter((site) => typeof row.values[site.key] === "number" && Number.isFinite(row.values[site.key]))
          .map((site) => ({ key: site.key, name: site.label, value: row.values[site.key] as number }));
        const metricId = row.id.replace(/^metric:/, "");
        const end = scaleEnd(metricId, row.unit, data.map((entry) => entry.value));
        return (
          <figure key={row.id} className="chart chart--bars" data-testid={`metric-bars-${metricId}`}>
            <figcaption>
              {row.label}
              <span className="muted small"> · {row.direction === "lower" ? "lower is better" : "higher is better"}</span>
            </figcaption>
            {data.length === 0 ? (
              <p className="muted small">No site has a value.</p>
            ) : (
              <ul className="metric-bars" aria-label={row.label}>
                {data.map((entry) => (
                  <li key={entry.key}>
                    <span className="metric-bars__label" title={entry.name}>
                      {entry.name}
                    </span>
                    <span className="metric-bars__track">
                      <span
                        className="metric-bars__fill"
                        data-testid="metric-bar"
                        style={{
                          width: `${barPercent(entry.value, end)}%`,
                          background: colourOf.get(entry.key),
                          opacity: leaders.has(entry.key) ? 1 : 0.45,
                        }}
                      />
                    </span>
                    <span className="metric-bars__value">{formatValue(entry.value, row.unit)}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="metric-bars__scale muted small">
              Scale: {formatValue(0, row.unit)} to {formatValue(end, row.unit)}
            </p>
          </figure>
        );
      })}
    </div>
  );
}
