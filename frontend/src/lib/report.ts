// Reading an analysis result. The API serves it as free-form JSON (`result: object`), so
// every field is read defensively: a missing or malformed part shows as "not available".

/** How a detail value shows (src/aura/audit/details.py). */
export type DetailValueType =
  | "url"
  | "bytes"
  | "ms"
  | "seconds"
  | "ratio"
  | "numeric"
  | "bool"
  | "text"
  | "code"
  | "node"
  | "color";

export interface DetailNode {
  selector?: string | null;
  snippet?: string | null;
}

export type DetailBlock =
  | {
      type: "table";
      title: string;
      columns: { key: string; label: string; type: DetailValueType }[];
      rows: Record<string, unknown>[];
      total: number;
    }
  | { type: "list"; title: string; item_type: DetailValueType; items: unknown[]; total: number }
  | { type: "properties"; title: string; items: { label: string; type: DetailValueType; value: unknown }[] };

export interface AuditEntry {
  id: string;
  title: string;
  description: string;
  score: number | null;
  mode: string;
  displayValue: string;
  error: string | null;
  details: unknown;
  /** The details as typed blocks (served by the API since analysis results carry `view`). */
  view: DetailBlock[] | null;
  weight: number;
}

export interface CategoryEntry {
  id: string;
  title: string;
  description: string;
  score: number | null;
  informative: boolean;
  audits: AuditEntry[];
}

export interface SiteFacts {
  title: string | null;
  headline: string | null;
  heroText: string | null;
  ctas: string[];
  keywords: string[];
  palette: string[];
  fonts: string[];
  fontServices: string[];
  securityGrade: string | null;
  language: string | null;
  technologies: string[];
  screenshots: string[];
}

export interface SiteReport {
  url: string;
  finalUrl: string | null;
  statusCode: number | null;
  mode: string;
  analysisVersion: string | null;
  categories: CategoryEntry[];
  metrics: Record<string, number>;
  facts: SiteFacts;
  raw: Record<string, unknown>;
}

export const CATEGORY_ORDER = [
  "performance",
  "seo",
  "accessibility",
  "security",
  "content",
  "design",
  "technology",
];

export const CATEGORY_LABELS: Record<string, string> = {
  performance: "Performance",
  seo: "SEO",
  accessibility: "Accessibility",
  security: "Security",
  content: "Content",
  design: "Design",
  technology: "Technology",
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => {
      if (typeof item === "string") return item;
      const named = record(item);
      return text(named.name) ?? text(named.text) ?? text(named.label);
    })
    .filter((item): item is string => item !== null);
}

const BLOCK_TYPES = new Set(["table", "list", "properties"]);

function blocks(value: unknown): DetailBlock[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((block): block is DetailBlock => BLOCK_TYPES.has(String(record(block).type)));
}

function audit(value: unknown): AuditEntry | null {
  const entry = record(value);
  const id = text(entry.id);
  if (!id) return null;
  return {
    id,
    title: text(entry.title) ?? id,
    description: text(entry.description) ?? "",
    score: num(entry.score),
    mode: text(entry.score_display_mode) ?? "numeric",
    displayValue: text(entry.display_value) ?? "",
    error: text(entry.error),
    details: entry.details ?? null,
    view: blocks(entry.view),
    weight: num(entry.weight) ?? 0,
  };
}

export function categoryLabel(id: string): string {
  return CATEGORY_LABELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

export function readCategories(result: Record<string, unknown>): CategoryEntry[] {
  const categories = record(result.categories);
  const ids = Object.keys(categories).sort((a, b) => {
    const ia = CATEGORY_ORDER.indexOf(a);
    const ib = CATEGORY_ORDER.indexOf(b);
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  });
  return ids.map((id) => {
    const category = record(categories[id]);
    const audits = Array.isArray(category.audits) ? category.audits : [];
    return {
      id,
      title: text(category.title) ?? categoryLabel(id),
      description: text(category.description) ?? "",
      score: num(category.score),
      informative: category.informative === true,
      audits: audits.map(audit).filter((a): a is AuditEntry => a !== null),
    };
  });
}

function technologies(result: Record<string, unknown>, facts: Record<string, unknown>): string[] {
  for (const candidate of [result.technologies, facts.technologies, record(result.technology).detected]) {
    const names = strings(candidate);
    if (names.length) return names;
  }
  return [];
}

/** Screenshot names, the desktop view first (browser mode lists them in browser.screenshots). */
function screenshots(result: Record<string, unknown>): string[] {
  const value = record(result.browser).screenshots ?? result.screenshots;
  const names = Array.isArray(value) ? strings(value) : Object.keys(record(value));
  const rank = (name: string) => (name.startsWith("desktop") ? 0 : name.startsWith("mobile") ? 1 : 2);
  return names.filter((name) => /^[\w.-]+$/.test(name)).sort((a, b) => rank(a) - rank(b));
}

export interface RenderProfile {
  profile: string;
  fcpMs: number | null;
  lcpMs: number | null;
  cls: number | null;
  tbtMs: number | null;
  loadMs: number | null;
  jsErrors: number;
  /** What qualifies the figures: the load event never came, or the page was still busy. */
  caveats: string[];
  /** The network the figures are for, when it is not the analysing machine's own. */
  network: string | null;
}

/** A profile's network conditions (``conditions.network_throttling``), in words. */
function networkConditions(value: unknown): string | null {
  const method = record(value).method;
  if (method === "simulated") return "slow 4G, simulated from an unthrottled load";
  if (method === "devtools") return "slow 4G, throttled by DevTools";
  return null;
}

/** What the browser tier measured, per profile (desktop, mobile); empty in static mode. */
export function renderProfiles(result: Record<string, unknown>): RenderProfile[] {
  const profiles = record(result.browser).profiles;
  if (!Array.isArray(profiles)) return [];
  return profiles.map((value) => {
    const p = record(value);
    return {
      profile: text(p.profile) ?? "page",
      fcpMs: num(p.fcp_ms),
      lcpMs: num(p.lcp_ms),
      cls: num(p.cls),
      tbtMs: num(p.tbt_ms),
      loadMs: num(p.load_ms),
      jsErrors: Array.isArray(p.js_errors) ? p.js_errors.length : 0,
      caveats: [
        ...(p.load_timed_out === true ? ["the load event did not come in time"] : []),
        ...(p.settled === false ? ["still loading or moving when measured"] : []),
      ],
      network: networkConditions(record(p.conditions).network_throttling),
    };
  });
}

export function readReport(result: Record<string, unknown> | null | undefined): SiteReport | null {
  if (!result) return null;
  const facts = record(result.facts);
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(record(result.metrics))) {
    const n = num(value);
    if (n !== null) metrics[key] = n;
  }
  return {
    url: text(result.url) ?? "",
    finalUrl: text(result.final_url),
    statusCode: num(result.status_code),
    mode: text(result.mode) ?? "static",
    analysisVersion: text(result.analysis_version),
    categories: readCategories(result),
    metrics,
    facts: {
      title: text(result.title),
      headline: text(facts.headline),
      heroText: text(facts.hero_text),
      ctas: strings(facts.ctas),
      keywords: strings(facts.keywords),
      palette: strings(facts.palette).filter((c) => /^#[0-9a-f]{3,8}$/i.test(c) || /^(rgb|hsl)a?\(/i.test(c)),
      fonts: strings(facts.fonts),
      fontServices: strings(facts.font_services),
      securityGrade: text(facts.security_grade),
      language: text(facts.language),
      technologies: technologies(result, facts),
      screenshots: screenshots(result),
    },
    raw: result,
  };
}

export type AuditVerdict = "pass" | "average" | "fail" | "na" | "info" | "error";

export function auditVerdict(entry: AuditEntry): AuditVerdict {
  if (entry.error || entry.mode === "error") return "error";
  if (entry.mode === "notApplicable") return "na";
  if (entry.mode === "informative" || entry.mode === "manual") return "info";
  if (entry.score === null) return "na";
  if (entry.score >= 0.9) return "pass";
  if (entry.score >= 0.5) return "average";
  return "fail";
}
