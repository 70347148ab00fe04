// The batch page's results, assembled from what the server has: the batch, each site's
// analysis, and the comparison document. The document is the reference; the analyses fill
// in what it lacks (older servers stored a smaller document), so every view degrades to
// "not available" rather than failing.
import type { Analysis, Batch, ComparisonDocument, ComparisonRead, SiteHealth } from "../api/types";
import { hostOf } from "./format";
import type { Direction, GridRow, GridSite } from "./grid";
import { categoryLabel, readReport, type SiteReport } from "./report";

export interface ResultSite extends GridSite {
  url: string;
  analysisId: string;
  status: string;
  error: string | null;
  report: SiteReport | null;
  title: string | null;
  overall: number | null;
  rank: number | null;
  scores: Record<string, number | null>;
  securityGrade: string | null;
  /** How the page rendered (from the comparison); null for documents older than it. */
  renderHealth: SiteHealth | null;
}

export interface Results {
  sites: ResultSite[];
  compared: ResultSite[];
  rows: GridRow[];
  document: ComparisonDocument | null;
}

/** The full comparison document, or null for a document of an older, smaller shape. */
export function documentOf(read: ComparisonRead | undefined): ComparisonDocument | null {
  const body = read?.comparison as unknown;
  if (typeof body !== "object" || body === null) return null;
  const doc = body as Partial<ComparisonDocument>;
  return doc.rankings && Array.isArray(doc.sites) && Array.isArray(doc.metrics) ? (body as ComparisonDocument) : null;
}

interface FallbackMetric {
  id: string;
  label: string;
  unit: string;
  direction: Direction;
}

/** Key metrics shown when the document does not list its own. */
export const FALLBACK_METRICS: FallbackMetric[] = [
  { id: "response_time_ms", label: "Response time", unit: "ms", direction: "lower" },
  { id: "ttfb_ms", label: "Time to first byte", unit: "ms", direction: "lower" },
  { id: "html_bytes", label: "HTML size", unit: "bytes", direction: "lower" },
  { id: "total_bytes", label: "Page weight", unit: "bytes", direction: "lower" },
  { id: "request_count", label: "Requests", unit: "count", direction: "lower" },
  { id: "dom_elements", label: "DOM elements", unit: "count", direction: "lower" },
  { id: "word_count", label: "Words", unit: "count", direction: "higher" },
  { id: "reading_ease", label: "Reading ease", unit: "unitless", direction: "higher" },
];

function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export function buildResults(
  batch: Batch,
  analyses: Record<string, Analysis | undefined>,
  read: ComparisonRead | undefined,
): Results {
  const doc = documentOf(read);
  const docSites = new Map((doc?.sites ?? []).map((site) => [site.url, site]));
  const legacy = (read?.comparison ?? {}) as { sites?: { url: string; score?: number | null; rank?: number | null }[] };
  const legacySites = new Map((Array.isArray(legacy.sites) ? legacy.sites : []).map((s) => [s.url, s]));

  const sites: ResultSite[] = batch.urls.map((item) => {
    const analysis = analyses[item.analysis_id];
    const report = readReport(analysis?.result as Record<string, unknown> | null | undefined);
    const docSite = docSites.get(item.url);
    const scores: Record<string, number | null> = {};
    for (const category of report?.categories ?? []) {
      if (!category.informative) scores[category.id] = category.score;
    }
    for (const [id, score] of Object.entries(docSite?.scores ?? {})) scores[id] = score ?? null;
    const fallbackOverall = mean(Object.values(scores).filter((s): s is number => typeof s === "number"));
    return {
      key: item.url,
      url: item.url,
      label: docSite?.name ?? item.label ?? hostOf(item.final_url ?? item.url),
      isPrimary: item.is_primary,
      analysisId: item.analysis_id,
      status: docSite?.status ?? item.status,
      error: docSite?.error ?? item.error,
      report,
      title: docSite?.title ?? report?.facts.title ?? null,
      overall: docSite ? (docSite.overall_score ?? null) : (legacySites.get(item.url)?.score ?? fallbackOverall),
      rank: docSite?.overall_rank ?? legacySites.get(item.url)?.rank ?? null,
      scores,
      securityGrade: docSite?.security_grade ?? report?.facts.securityGrade ?? null,
      renderHealth: docSite?.render_health ?? null,
    };
  });
  const compared = sites.filter((site) => {
    const docSite = docSites.get(site.url);
    return docSite ? docSite.compared : site.status === "completed" && site.report !== null;
  });

  const rows: GridRow[] = [];
  rows.push({
    id: "overall",
    label: "Overall",
    kind: "category",
    unit: "score",
    direction: "higher",
    values: Object.fromEntries(compared.map((site) => [site.key, site.overall])),
    leaders: doc?.rankings.overall.leaders,
  });
  const categoryIds: string[] = [];
  for (const site of compared) {
    for (const id of Object.keys(site.scores)) if (!categoryIds.includes(id)) categoryIds.push(id);
  }
  const titles = new Map((doc?.rankings.categories ?? []).map((r) => [r.category, r.title]));
  const leadersOf = new Map((doc?.rankings.categories ?? []).map((r) => [r.category, r.leaders]));
  for (const id of categoryIds) {
    rows.push({
      id: `category:${id}`,
      label: titles.get(id) ?? categoryLabel(id),
      kind: "category",
      unit: "score",
      direction: "higher",
      values: Object.fromEntries(compared.map((site) => [site.key, site.scores[id] ?? null])),
      leaders: leadersOf.get(id),
    });
  }
  if (doc?.metrics.length) {
    for (const metric of doc.metrics) {
      rows.push({
        id: `metric:${metric.id}`,
        label: metric.label,
        kind: "metric",
        unit: metric.unit,
        direction: metric.direction,
        values: { ...metric.values },
        leaders: metric.leaders,
      });
    }
  } else {
    for (const metric of FALLBACK_METRICS) {
      const values = Object.fromEntries(compared.map((site) => [site.key, site.report?.metrics[metric.id] ?? null]));
      if (Object.values(values).some((v) => v !== null)) {
        rows.push({ ...metric, id: `metric:${metric.id}`, kind: "metric", values });
      }
    }
  }
  return { sites, compared, rows, document: doc };
}
