import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { request } from "../api/client";
import type { Batch, BatchUrl } from "../api/types";
import { hostOf, MISSING } from "../lib/format";
import { crawlOf, NO_FILTERS, PAGE_STATES, pagesPath, type CrawlPageList, type PageFilters } from "../lib/crawlPages";
import { PageUrl } from "./SiteComparison";
import { ErrorState, Loading, Unavailable } from "./States";

// The crawled pages of each site: live crawl counters, and a table of the pages filtered by
// template, state or failing audit, a page at a time. Titles and URLs are page text.

function siteName(url: BatchUrl): string {
  return url.label ?? hostOf(url.url);
}

/** "40 discovered · 12 done · 1 failed · 27 queued" for each crawled site. */
export function CrawlProgress({ batch }: { batch: Batch }) {
  const crawled = batch.urls.filter((u) => crawlOf(u));
  if (!crawled.length) return null;
  return (
    <ul className="crawl-progress" aria-label="Crawl progress">
      {crawled.map((u) => {
        const crawl = crawlOf(u)!;
        return (
          <li key={u.id}>
            <strong>{siteName(u)}</strong>: {crawl.discovered.toLocaleString("en")} discovered · {crawl.done.toLocaleString("en")} done ·{" "}
            {crawl.failed.toLocaleString("en")} failed · {crawl.queued.toLocaleString("en")} queued
            {crawl.skipped > 0 && ` · ${crawl.skipped.toLocaleString("en")} skipped`}
            {crawl.error && <span className="field-error"> — {crawl.error}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function SitePagesTable({ batchId, site, templates }: { batchId: string; site: BatchUrl; templates: string[] }) {
  const formId = useId();
  const [filters, setFilters] = useState<PageFilters>(NO_FILTERS);
  const crawl = crawlOf(site);
  const path = pagesPath(batchId, site.id, filters);
  const pages = useQuery({
    queryKey: ["crawl-pages", batchId, site.id, filters, crawl?.done ?? 0, crawl?.failed ?? 0],
    queryFn: () => request<CrawlPageList>(path),
    placeholderData: keepPreviousData,
  });
  const change = (field: "template" | "status" | "failing", value: string) => setFilters((f) => ({ ...f, [field]: value, page: 1 }));
  const data = pages.data;
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;
  return (
    <div className="crawl-pages">
      <div className="crawl-pages__filters">
        <label htmlFor={`${formId}-template`}>
          Template{" "}
          <select id={`${formId}-template`} value={filters.template} onChange={(e) => change("template", e.target.value)}>
            <option value="">All</option>
            {templates.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${formId}-status`}>
          State{" "}
          <select id={`${formId}-status`} value={filters.status} onChange={(e) => change("status", e.target.value)}>
            <option value="">All</option>
            {PAGE_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${formId}-failing`}>
          Failing audit{" "}
          <input
            id={`${formId}-failing`}
            type="text"
            placeholder="e.g. document-title"
            value={filters.failing}
            onChange={(e) => change("failing", e.target.value.trim())}
          />
        </label>
      </div>
      {pages.isPending ? (
        <Loading label="Loading the pages…" />
      ) : pages.isError ? (
        <ErrorState error={pages.error} title="The pages could not be loaded" onRetry={() => void pages.refetch()} />
      ) : data && data.items.length === 0 ? (
        <Unavailable>No crawled page matches these filters.</Unavailable>
      ) : (
        data && (
          <>
            <div className="grid-scroll">
              <table className="detail-table" aria-label={`Pages of ${siteName(site)}`}>
                <thead>
                  <tr>
                    <th scope="col">Page</th>
                    <th scope="col">Template</th>
                    <th scope="col">HTTP</th>
                    <th scope="col">Depth</th>
                    <th scope="col">State</th>
                    <th scope="col">Failing audits</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((page) => (
                    <tr key={page.id}>
                      <td>
                        <PageUrl url={page.url} />
                        {page.title && <div className="small muted">{page.title}</div>}
                      </td>
                      <td>{page.template ? <code>{page.template}</code> : MISSING}</td>
                      <td>{page.http_status ?? MISSING}</td>
                      <td title={page.depth === null ? "only a sitemap led to this page: no click path" : undefined}>{page.depth ?? MISSING}</td>
                      <td>
                        {page.status}
                        {page.error && <div className="small field-error">{page.error}</div>}
                      </td>
                      <td>{page.failing.length ? page.failing.join(", ") : page.status === "done" ? "none" : MISSING}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="crawl-pages__pager">
              <span className="muted small">
                {data.total.toLocaleString("en")} pages · page {data.page} of {lastPage}
              </span>
              <button type="button" className="button button--ghost" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
                Previous
              </button>
              <button type="button" className="button button--ghost" disabled={filters.page >= lastPage} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>
                Next
              </button>
            </div>
          </>
        )
      )}
    </div>
  );
}

/** The crawled pages of the batch's sites, one site at a time; nothing when no site is crawled. */
export function CrawlPages({ batch, templates = [] }: { batch: Batch; templates?: string[] }) {
  const crawled = batch.urls.filter((u) => crawlOf(u));
  const [chosen, setChosen] = useState<string | null>(null);
  if (!crawled.length) return null;
  const site = crawled.find((u) => u.id === chosen) ?? crawled[0]!;
  return (
    <div className="stack">
      <CrawlProgress batch={batch} />
      {crawled.length > 1 && (
        <div className="segmented" role="tablist" aria-label="Site">
          {crawled.map((u) => (
            <button
              key={u.id}
              type="button"
              role="tab"
              aria-selected={u.id === site.id}
              className={`segmented__option${u.id === site.id ? " is-active" : ""}`}
              onClick={() => setChosen(u.id)}
            >
              {siteName(u)}
            </button>
          ))}
        </div>
      )}
      <SitePagesTable key={site.id} batchId={batch.id} site={site} templates={templates} />
    </div>
  );
}
