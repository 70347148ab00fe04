// The crawl options of a new comparison: the form's fields, their checks in words, and the
// request fields they become.

/**
 * The crawl fields of a batch request, named exactly as `BatchCreate` names them on branch
 * c3-jobs (src/aura/competitive/schemas.py). Written by hand, in this one place, until that
 * branch is merged and schema.ts regenerated; then this is `Pick<BatchCreate, "pages" |
 * "depth" | "include" | "exclude" | "subdomains">`.
 */
export interface CrawlRequest {
  pages?: number | null;
  depth?: number | null;
  include?: string[] | null;
  exclude?: string[] | null;
  subdomains?: boolean | null;
}

/** The server's bounds (c3-jobs: MAX_CRAWL_PAGES, MAX_CRAWL_DEPTH, MAX_PATTERNS, Pattern). */
export const MAX_CRAWL_PAGES = 5000;
export const MAX_CRAWL_DEPTH = 50;
export const MAX_PATTERNS = 20;
export const MAX_PATTERN_LENGTH = 200;
/** The depth a crawl follows when none is given. */
export const DEFAULT_CRAWL_DEPTH = 5;

/** The fields as typed. */
export interface CrawlForm {
  pages: string;
  depth: string;
  include: string;
  exclude: string;
  subdomains: boolean;
}

export const EMPTY_CRAWL: CrawlForm = { pages: "1", depth: "", include: "", exclude: "", subdomains: false };

export type CrawlField = "pages" | "depth" | "include" | "exclude";
export type CrawlProblems = Partial<Record<CrawlField, string>>;

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** One pattern a line; blank lines are ignored. */
export function patternLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function patternProblem(text: string, which: string): string | undefined {
  const patterns = patternLines(text);
  if (patterns.length > MAX_PATTERNS) return `Give at most ${MAX_PATTERNS} ${which} patterns (there are ${patterns.length}).`;
  const long = patterns.find((p) => p.length > MAX_PATTERN_LENGTH);
  if (long) return `A pattern can be at most ${MAX_PATTERN_LENGTH} characters long ("${long.slice(0, 30)}…" is ${long.length}).`;
  const whole = patterns.find((p) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p));
  if (whole) return `Patterns match a URL's path and query, like /blog/*, not the whole URL ("${whole}").`;
  return undefined;
}

export function validateCrawl(form: CrawlForm): CrawlProblems {
  const problems: CrawlProblems = {};
  const pages = wholeNumber(form.pages);
  if (pages === null || pages < 1 || pages > MAX_CRAWL_PAGES) {
    problems.pages = `Pages per site is a whole number from 1 (the front page only) to ${MAX_CRAWL_PAGES.toLocaleString("en")}.`;
  }
  if (form.depth.trim() !== "") {
    const depth = wholeNumber(form.depth);
    if (depth === null || depth > MAX_CRAWL_DEPTH) {
      problems.depth = `Depth is a whole number of clicks from 0 (the start page) to ${MAX_CRAWL_DEPTH}.`;
    }
  }
  const include = patternProblem(form.include, "include");
  if (include) problems.include = include;
  const exclude = patternProblem(form.exclude, "exclude");
  if (exclude) problems.exclude = exclude;
  return problems;
}

/** The request fields: none for one page per site (the server's default), the crawl else. */
export function crawlRequest(form: CrawlForm): CrawlRequest {
  const pages = wholeNumber(form.pages) ?? 1;
  if (pages <= 1) return {};
  const request: CrawlRequest = { pages };
  const depth = form.depth.trim() === "" ? null : wholeNumber(form.depth);
  if (depth !== null) request.depth = depth;
  const include = patternLines(form.include);
  if (include.length) request.include = include;
  const exclude = patternLines(form.exclude);
  if (exclude.length) request.exclude = exclude;
  if (form.subdomains) request.subdomains = true;
  return request;
}

/** A comparison set's stored crawl (`SetRead.crawl`), named as the sets API names it. */
export interface CrawlSpecBody {
  pages: number;
  depth: number;
  include?: string[];
  exclude?: string[];
  subdomains: boolean;
}

/** The fields showing a set's crawl; a set without one shows one page per site. */
export function crawlFormOf(spec: CrawlSpecBody | null | undefined): CrawlForm {
  if (!spec || spec.pages <= 1) return EMPTY_CRAWL;
  return {
    pages: String(spec.pages),
    depth: spec.depth === DEFAULT_CRAWL_DEPTH ? "" : String(spec.depth),
    include: (spec.include ?? []).join("\n"),
    exclude: (spec.exclude ?? []).join("\n"),
    subdomains: spec.subdomains,
  };
}

/** Whether a form shows more than pages per site (so its advanced options start open). */
export function hasAdvancedCrawl(form: CrawlForm): boolean {
  return form.depth.trim() !== "" || form.include.trim() !== "" || form.exclude.trim() !== "" || form.subdomains;
}

/** A set's `crawl` from the batch's crawl fields: null for the start pages only. */
export function crawlSpecOf(request: CrawlRequest): CrawlSpecBody | null {
  const pages = request.pages ?? 1;
  if (pages <= 1) return null;
  return {
    pages,
    depth: request.depth ?? DEFAULT_CRAWL_DEPTH,
    include: request.include ?? [],
    exclude: request.exclude ?? [],
    subdomains: request.subdomains ?? false,
  };
}

/** A set's crawl in a few words for its page, e.g. "up to 40 pages per site"; the start pages only: "front pages only". */
export function crawlSummary(spec: CrawlSpecBody | null | undefined): string {
  if (!spec || spec.pages <= 1) return "front pages only";
  const patterns = (spec.include?.length ?? 0) + (spec.exclude?.length ?? 0);
  const parts = [`up to ${spec.pages.toLocaleString("en")} pages per site`, `depth ${spec.depth}`];
  if (patterns) parts.push(`${patterns} URL pattern${patterns === 1 ? "" : "s"}`);
  return parts.join(", ");
}
