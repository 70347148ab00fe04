import { useEffect } from "react";
import { Link, useParams } from "react-router-dom";
import type { ComparisonDocument } from "../api/types";
import { reportPath } from "../hooks/title";
import { formatValue } from "../lib/format";
import { rowLeaders, type GridRow } from "../lib/grid";
import type { ResultSite } from "../lib/results";
import { AuditList } from "./AuditList";

export interface CellSelection {
  row: GridRow;
  site: ResultSite;
}

/** The details behind a grid cell: a category's audits for that site, or a metric across sites. */
export function CellDrawer({
  selection,
  sites,
  doc,
  onClose,
}: {
  selection: CellSelection;
  sites: ResultSite[];
  doc: ComparisonDocument | null;
  onClose: () => void;
}) {
  const { row, site } = selection;
  const { batchId } = useParams();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const categoryId = row.id.startsWith("category:") ? row.id.slice("category:".length) : null;
  const category = categoryId ? site.report?.categories.find((c) => c.id === categoryId) : undefined;
  const leaders = rowLeaders(row);
  const matrix = categoryId ? doc?.matrix.categories.find((c) => c.category === categoryId) : undefined;
  const failingHere = matrix?.audits.filter((a) => a.failing.includes(site.url) && a.passing.length > 0) ?? [];

  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby="drawer-title" onClick={(e) => e.stopPropagation()}>
        <header className="drawer__head">
          <div>
            <p className="muted small">{site.label}</p>
            <h2 id="drawer-title">
              {row.label}: {formatValue(row.values[site.key], row.unit)}
            </h2>
          </div>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close details" autoFocus>
            ×
          </button>
        </header>
        <div className="drawer__body">
          <h3 className="drawer__section">Across sites</h3>
          <ul className="compare-list">
            {sites.map((other) => (
              <li key={other.key} className={other.key === site.key ? "is-current" : undefined}>
                <span>
                  {other.isPrimary && <span className="tag tag--primary">You</span>} {other.label}
                </span>
                <span className={leaders.has(other.key) ? "is-leader-text" : undefined}>
                  {formatValue(row.values[other.key], row.unit)}
                  {leaders.has(other.key) && " ★"}
                </span>
              </li>
            ))}
          </ul>
          {failingHere.length > 0 && (
            <>
              <h3 className="drawer__section">Where competitors do better</h3>
              <ul className="plain-list">
                {failingHere.map((audit) => (
                  <li key={audit.id}>
                    <strong>{audit.title}</strong>
                    <span className="muted small"> · passed by {audit.passing.length} other site{audit.passing.length === 1 ? "" : "s"}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {category && (
            <>
              <h3 className="drawer__section">{category.title} audits for {site.label}</h3>
              <AuditList audits={category.audits} baseUrl={site.report?.finalUrl ?? site.url} />
            </>
          )}
          <p>
            <Link to={reportPath(site.analysisId, batchId)}>Open the full report of {site.label} →</Link>
          </p>
        </div>
      </aside>
    </div>
  );
}
