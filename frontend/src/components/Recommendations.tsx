import { Fragment, useState } from "react";
import type { CompetitorExample, ComparisonDocument, FailingItem, Recommendation } from "../api/types";
import { formatBytes, hostOf } from "../lib/format";
import type { ResultSite } from "../lib/results";
import { Unavailable } from "./States";

// The recommendations of the comparison page: each an action naming the failing items, why
// it matters, how to fix it and who does better. The document ranks them (expected gain):
// the order here is the document's, and the number shown is the one it sorts by.

const FIRST_RECOMMENDATIONS = 5;

const SEVERITY_LABEL: Record<Recommendation["severity"], string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

function siteLabel(url: string, sites: ResultSite[]): string {
  return sites.find((s) => s.url === url)?.label ?? hostOf(url);
}

export function RecommendationList({ doc, sites }: { doc: ComparisonDocument | null; sites: ResultSite[] }) {
  if (!doc) return <Unavailable>Recommendations need a newer comparison. Re-run this comparison to get them.</Unavailable>;
  const own = doc.recommendations.find((r) => r.url === doc.primary_url) ?? doc.recommendations[0];
  if (!own || own.items.length === 0) {
    return <Unavailable>No recommendations: your site already does at least as well as its competitors on every audit.</Unavailable>;
  }
  return (
    <>
      <p className="muted small recommendations__order">{doc.recommendations_order}</p>
      <RecommendationItems items={own.items} sites={sites} />
    </>
  );
}

export function RecommendationItems({ items, sites }: { items: Recommendation[]; sites: ResultSite[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST_RECOMMENDATIONS);
  return (
    <>
      <ol className="recommendations">
        {shown.map((item, index) => (
          <RecommendationCard key={item.audit_id} item={item} rank={index + 1} sites={sites} />
        ))}
      </ol>
      {items.length > FIRST_RECOMMENDATIONS && (
        <button type="button" className="button button--ghost button--small show-more" onClick={() => setAll((a) => !a)}>
          {all ? "Show fewer" : `Show all ${items.length} recommendations`}
        </button>
      )}
    </>
  );
}

function RecommendationCard({ item, rank, sites }: { item: Recommendation; rank: number; sites: ResultSite[] }) {
  const severe = item.severity === "critical" || item.severity === "high";
  return (
    <li className="recommendation" data-audit={item.audit_id}>
      <span className="recommendation__rank">{rank}</span>
      <div className="recommendation__body">
        <div className="recommendation__head">
          <strong className="recommendation__action">{item.action}</strong>
        </div>
        <div className="recommendation__tags">
          <span className={`tag ${severe ? "tag--warn" : "tag--info"}`}>{SEVERITY_LABEL[item.severity]}</span>
          {item.categories.map((c) => (
            <span key={c} className="tag">
              {c}
            </span>
          ))}
        </div>
        {item.severity_reason && <p className="recommendation__why small">{item.severity_reason}</p>}
        <p className="recommendation__now">Now: {item.your_value ?? item.title}</p>
        <p className="recommendation__meta small">
          <span>{standing(item)}</span>
          {item.competitors.length > 0 && (
            <span>
              {" "}
              · doing better: {item.competitors.slice(0, 3).map((c) => example(c, sites)).join(", ")}
            </span>
          )}
        </p>
        {item.items.length > 0 && <ItemList item={item} />}
        {item.fix.length > 0 && (
          <details className="recommendation__fix">
            <summary>How to fix it</summary>
            <ul>
              {item.fix.map((step, index) => (
                <li key={index}>
                  <AdviceText text={step} />
                </li>
              ))}
            </ul>
            {item.snippets.map((snippet) => (
              <figure key={snippet.server} className="recommendation__snippet">
                <figcaption>{snippet.server}</figcaption>
                <pre>
                  <code>{snippet.code}</code>
                </pre>
              </figure>
            ))}
          </details>
        )}
      </div>
      <div className="recommendation__impact" title="Expected gain: the number the list is sorted by">
        <span className="recommendation__points">{item.impact.toFixed(1)}</span>
        <span className="muted small">gain</span>
      </div>
    </li>
  );
}

function ItemList({ item }: { item: Recommendation }) {
  const more = item.items_total > item.items.length ? ` (${item.items.length} of ${item.items_total})` : "";
  return (
    <div className="recommendation__items">
      <span className="small muted">Where{more}:</span>
      <ul>
        {item.items.map((failing, index) => (
          <li key={index}>
            <code>{failing.label}</code>
            {facts(failing) && <span className="muted small"> — {facts(failing)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

// Aura's own advice text: `code` spans shown as code. React escapes every part.
function AdviceText({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>
      {parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>))}
    </>
  );
}

function standing(item: Recommendation): string {
  const passing = item.competitors_passing.length;
  if (item.competitors_total === 0) return "No competitor to compare with";
  if (passing === 0) return `None of the ${item.competitors_total} competitors does this yet`;
  return `${passing} of ${item.competitors_total} competitors already do this`;
}

function example(c: CompetitorExample, sites: ResultSite[]): string {
  const evidence = c.evidence?.length ? c.evidence.join("; ") : c.display_value;
  return evidence ? `${siteLabel(c.url, sites)} (${evidence})` : siteLabel(c.url, sites);
}

function facts(item: FailingItem): string {
  const parts: string[] = [];
  if (item.bytes) parts.push(formatBytes(item.bytes));
  if (item.savings_bytes) parts.push(`about ${formatBytes(item.savings_bytes)} to save`);
  if (item.note) parts.push(item.note);
  return parts.join(", ");
}
