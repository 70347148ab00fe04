// Reading the crawled sites' reports (the comparison document's `site.reports`): stored JSON
// of `aura.crawl.site.site_report`, typed loosely by the API, read defensively here. A part
// that is missing or of the wrong shape is absent, never zero. Every string in a report comes
// from the analysed pages: callers render it as text, and as a link only when safeLink allows.

export type Json = unknown;

function record(value: Json): Record<string, Json> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Json>) : {};
}

function str(value: Json): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function num(value: Json): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** An http(s) URL that may become a link; null for anything else (javascript:, data:…). */
export function safeLink(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const parsed = new URL(value);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** One example page (or value) behind a site finding, with what is wrong with it. */
export interface FindingExample {
  label: string;
  isUrl: boolean;
  evidence: string[];
  /** Pages that link to it or share the value. */
  pages: string[];
  pagesTotal: number;
}

export interface ReportFinding {
  id: string;
  count: number | null;
  checked: number | null;
  note: string | null;
  howToFix: string | null;
  examples: FindingExample[];
}

function example(item: Json): FindingExample | null {
  const body = record(item);
  const evidence: string[] = [];
  const error = str(body.error);
  const status = num(body.status);
  if (error) evidence.push(error);
  else if (status !== null) evidence.push(`HTTP ${status}`);
  const problem = str(body.problem);
  if (problem) evidence.push(problem);
  for (const key of ["canonical", "final_url"] as const) {
    const value = str(body[key]);
    if (value) evidence.push(`${key.replace("_", " ")}: ${value}`);
  }
  if (Array.isArray(body.problems)) evidence.push(...body.problems.filter((p): p is string => typeof p === "string"));
  const words = num(body.words);
  if (words !== null) evidence.push(`${words.toLocaleString("en")} words`);
  const depth = num(body.depth);
  if (depth !== null) evidence.push(`${depth} clicks deep`);
  const placeholders = num(body.placeholder_links);
  if (placeholders !== null) evidence.push(`${placeholders} such links`);
  if (Array.isArray(body.resources)) {
    const resources = body.resources.filter((r): r is string => typeof r === "string");
    if (resources.length) evidence.push(`loads ${resources.slice(0, 3).join(", ")}`);
  }
  const linkedFrom = Array.isArray(body.linked_from) ? body.linked_from.filter((p): p is string => typeof p === "string") : [];
  const sharing = Array.isArray(body.pages) ? body.pages.filter((p): p is string => typeof p === "string") : [];
  const pages = linkedFrom.length ? linkedFrom : sharing;
  const pagesTotal = (linkedFrom.length ? num(body.links) : num(body.count)) ?? pages.length;
  const label = str(body.url) ?? str(body.value) ?? sharing[0] ?? null;
  if (label === null) return null;
  return { label, isUrl: safeLink(label) !== null, evidence, pages, pagesTotal };
}

/** The finding `id` of one site's report, with its examples. */
export function reportFinding(report: Json, id: string): ReportFinding | null {
  const findings = record(report).findings;
  if (!Array.isArray(findings)) return null;
  const found = findings.map(record).find((f) => f.id === id);
  if (!found) return null;
  const examples = Array.isArray(found.pages) ? found.pages.map(example).filter((e): e is FindingExample => e !== null) : [];
  return {
    id,
    count: found.applicable === false ? null : num(found.count),
    checked: num(found.total_pages_checked),
    note: str(found.note),
    howToFix: str(found.how_to_fix),
    examples,
  };
}

/** A headline figure of one site's report (`figures[key]`), when it is a number. */
export function reportFigure(report: Json, key: string): number | null {
  return num(record(record(report).figures)[key]);
}

/** What a finding's count counts, singular and plural; the title stands in for the others. */
const COUNT_NOUNS: Record<string, [string, string]> = {
  "broken-internal-links": ["broken internal link", "broken internal links"],
  "broken-resources": ["broken resource", "broken resources"],
  "placeholder-links": ["page with links that lead nowhere", "pages with links that lead nowhere"],
  "redirect-loops": ["redirect loop", "redirect loops"],
  "redirect-chains": ["redirect chain", "redirect chains"],
  "links-to-redirects": ["link to a redirect", "links to redirects"],
  "canonical-targets": ["page with a faulty canonical", "pages with a faulty canonical"],
  "sitemap-urls": ["bad sitemap URL", "bad sitemap URLs"],
  "orphan-pages": ["orphan page", "orphan pages"],
  hreflang: ["page with hreflang problems", "pages with hreflang problems"],
  "deep-pages": ["deep page", "deep pages"],
  "thin-content": ["thin page", "thin pages"],
  "near-duplicates": ["near-duplicate page", "near-duplicate pages"],
  "noindex-pages": ["noindex page", "noindex pages"],
  nofollow: ["nofollow page", "nofollow pages"],
  "mixed-content": ["page with mixed content", "pages with mixed content"],
  "duplicate-titles": ["page sharing a title", "pages sharing a title"],
  "missing-titles": ["page without a title", "pages without a title"],
  "duplicate-descriptions": ["page sharing a description", "pages sharing a description"],
  "missing-descriptions": ["page without a description", "pages without a description"],
  "duplicate-h1": ["page sharing an H1", "pages sharing an H1"],
  "missing-h1": ["page without an H1", "pages without an H1"],
};

/** "14 broken internal links", "1 orphan page", "3 found" (unknown findings). */
export function countPhrase(id: string, count: number): string {
  const nouns = COUNT_NOUNS[id];
  const amount = count.toLocaleString("en");
  if (!nouns) return `${amount} found`;
  return `${amount} ${count === 1 ? nouns[0] : nouns[1]}`;
}
