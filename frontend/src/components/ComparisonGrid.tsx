import { useMemo, useState } from "react";
import { formatValue, scoreBand } from "../lib/format";
import { orderSites, rowLeaders, type GridRow, type GridSite, type SortState } from "../lib/grid";

export interface ComparisonGridProps<S extends GridSite> {
  sites: S[];
  rows: GridRow[];
  onCellClick?: (row: GridRow, site: S) => void;
  /** Metric rows shown before "show all". */
  metricLimit?: number;
}

function SortIcon({ state }: { state: "best" | "worst" | null }) {
  return (
    <span className={`sort-icon${state ? " is-active" : ""}`} aria-hidden="true">
      {state === "worst" ? "▲" : "▼"}
    </span>
  );
}

/**
 * Categories and key metrics × sites. The best value of each row is highlighted (ties share
 * it), the own site is always the first column, and a row's label sorts the other columns.
 */
export function ComparisonGrid<S extends GridSite>({ sites, rows, onCellClick, metricLimit = 10 }: ComparisonGridProps<S>) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [allMetrics, setAllMetrics] = useState(false);
  const ordered = useMemo(() => orderSites(sites, rows, sort) as S[], [sites, rows, sort]);
  const leaders = useMemo(() => new Map(rows.map((row) => [row.id, rowLeaders(row)])), [rows]);

  const toggle = (rowId: string) =>
    setSort((current) =>
      current?.rowId !== rowId ? { rowId, order: "best" } : current.order === "best" ? { rowId, order: "worst" } : null,
    );

  const metricRows = rows.filter((r) => r.kind === "metric");
  // The sorted-by row stays visible even when it is past the limit.
  const shownMetrics = allMetrics
    ? metricRows
    : metricRows.filter((r, index) => index < metricLimit || r.id === sort?.rowId);
  const sections: { title: string; rows: GridRow[] }[] = [
    { title: "Scores", rows: rows.filter((r) => r.kind === "category") },
    { title: "Key metrics", rows: shownMetrics },
  ].filter((section) => section.rows.length > 0);

  return (
    <div className="grid-scroll">
      <table className="comparison-grid" data-testid="comparison-grid">
        <thead>
          <tr>
            <th scope="col" className="comparison-grid__corner">
              <span className="muted small">Sort by clicking a row</span>
            </th>
            {ordered.map((site) => (
              <th key={site.key} scope="col" className={`comparison-grid__site${site.isPrimary ? " is-primary" : ""}`} data-site={site.key}>
                {site.isPrimary && <span className="tag tag--primary">You</span>}
                <span className="comparison-grid__site-name" title={site.key}>
                  {site.label}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        {sections.map((section) => (
          <tbody key={section.title}>
            <tr className="comparison-grid__section">
              <th scope="colgroup" colSpan={ordered.length + 1}>
                {section.title}
              </th>
            </tr>
            {section.rows.map((row) => {
              const rowLeadersSet = leaders.get(row.id) ?? new Set<string>();
              const sortState = sort?.rowId === row.id ? sort.order : null;
              return (
                <tr key={row.id} data-row={row.id}>
                  <th scope="row" aria-sort={sortState ? (sortState === "best" ? "descending" : "ascending") : undefined}>
                    <button type="button" className="row-sort" onClick={() => toggle(row.id)} title={`Order sites by ${row.label}`}>
                      <span>{row.label}</span>
                      <span className="row-sort__hint muted">{row.direction === "lower" ? "lower is better" : ""}</span>
                      <SortIcon state={sortState} />
                    </button>
                  </th>
                  {ordered.map((site) => {
                    const value = row.values[site.key];
                    const leader = rowLeadersSet.has(site.key);
                    const band = row.unit === "score" ? scoreBand(value) : "none";
                    const content = (
                      <>
                        <span className={`cell-value${row.unit === "score" ? ` cell-value--${band}` : ""}`}>
                          {formatValue(value, row.id === "overall" ? "score1" : row.unit)}
                        </span>
                        {leader && (
                          <span className="leader-mark" title="Leader">
                            ★<span className="visually-hidden"> leader</span>
                          </span>
                        )}
                      </>
                    );
                    return (
                      <td
                        key={site.key}
                        className={`${leader ? "is-leader" : ""}${site.isPrimary ? " is-primary" : ""}`}
                        data-leader={leader ? "true" : undefined}
                      >
                        {onCellClick && value !== null && value !== undefined ? (
                          <button type="button" className="cell-button" onClick={() => onCellClick(row, site)}>
                            {content}
                          </button>
                        ) : (
                          content
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        ))}
        {metricRows.length > metricLimit && (
          <tbody>
            <tr className="comparison-grid__more">
              <td colSpan={ordered.length + 1}>
                <button type="button" className="button button--ghost button--small" onClick={() => setAllMetrics((a) => !a)}>
                  {allMetrics ? "Show fewer metrics" : `Show all ${metricRows.length} metrics`}
                </button>
              </td>
            </tr>
          </tbody>
        )}
      </table>
    </div>
  );
}
