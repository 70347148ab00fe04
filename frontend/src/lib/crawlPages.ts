// A site's crawl as the batch API reports it (branch c3-jobs): its counters on each batch URL
// (`crawl`), the crawl.progress / crawl.finished WebSocket events, and the pages endpoint.
// Typed by hand, with c3-jobs' field names exactly (CrawlRead, CrawlPageRead, CrawlPageList in
// src/aura/competitive/schemas.py), until that branch is merged and schema.ts regenerated.
import type { Batch, BatchUrl } from "../api/types";

export interface CrawlCounters {
  id: string;
  status: string;
  discovered: number;
  done: number;
  failed: number;
  skipped: number;
  /** Pages waiting or running. */
  queued: number;
  error: string | null;
}

export interface CrawlPage {
  id: string;
  url: string;
  status: string;
  depth: number;
  source: string;
  found_on: string | null;
  template: string | null;
  /** None: not fetched. */
  http_status: number | null;
  title: string | null;
  /** The page's failing audits. */
  failing: string[];
  rendered: boolean;
  attempts: number;
  error: string | null;
}

export interface CrawlPageList {
  items: CrawlPage[];
  total: number;
  page: number;
  page_size: number;
}

/** The states of a crawled page the endpoint filters by. */
export const PAGE_STATES = ["queued", "running", "done", "failed", "skipped"] as const;

export interface PageFilters {
  template: string;
  status: string;
  failing: string;
  page: number;
}

export const NO_FILTERS: PageFilters = { template: "", status: "", failing: "", page: 1 };
export const PAGE_SIZE = 50;

/** GET /api/v1/competitive/{batch}/sites/{url_id}/pages with the filters given. */
export function pagesPath(batchId: string, urlId: string, filters: PageFilters, pageSize = PAGE_SIZE): string {
  const query = new URLSearchParams({ page: String(filters.page), page_size: String(pageSize) });
  if (filters.template) query.set("template", filters.template);
  if (filters.status) query.set("status", filters.status);
  if (filters.failing) query.set("failing", filters.failing);
  return `/api/v1/competitive/${encodeURIComponent(batchId)}/sites/${encodeURIComponent(urlId)}/pages?${query}`;
}

/** The site's crawl, when the batch crawls (more than one page per site). */
export function crawlOf(url: BatchUrl): CrawlCounters | null {
  const crawl = (url as BatchUrl & { crawl?: CrawlCounters | null }).crawl;
  return crawl ?? null;
}

export interface CrawlProgressMessage {
  type: "crawl.progress";
  crawl_id?: string;
  discovered?: number;
  done?: number;
  failed?: number;
  skipped?: number;
  queued?: number;
}

/** A crawl.progress event applied to the batch: the crawl's counters; it carries no version
 *  (it changes nothing else), so the batch's version stays as it is. */
export function applyCrawlProgress(batch: Batch, message: CrawlProgressMessage): Batch {
  let changed = false;
  const urls = batch.urls.map((item) => {
    const crawl = crawlOf(item);
    if (!crawl || crawl.id !== message.crawl_id) return item;
    // Unversioned events of pages settling together may arrive crossed: the counts only grow,
    // so an event behind what is shown is an older one.
    const settled = (counts: Partial<CrawlCounters>) => (counts.done ?? 0) + (counts.failed ?? 0) + (counts.skipped ?? 0);
    if (settled(message) < settled(crawl)) return item;
    changed = true;
    const next: CrawlCounters = { ...crawl };
    for (const key of ["discovered", "done", "failed", "skipped", "queued"] as const) {
      const value = message[key];
      if (typeof value === "number") next[key] = value;
    }
    return { ...item, crawl: next };
  });
  return changed ? { ...batch, urls } : batch;
}
