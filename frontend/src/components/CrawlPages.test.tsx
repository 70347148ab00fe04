import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Batch } from "../api/types";
import type { CrawlPage } from "../lib/crawlPages";
import { CrawlPages } from "./CrawlPages";

const crawl = (id: string, done: number) => ({ id, status: "running", discovered: 60, done, failed: 2, skipped: 1, queued: 60 - done - 2, error: null });

const BATCH = {
  id: "b1",
  name: null,
  status: "running",
  mode: "static",
  progress: 0,
  total_urls: 2,
  completed_urls: 0,
  failed_urls: 0,
  primary_url: "https://own.example/",
  version: 3,
  error: null,
  urls: [
    { id: "u1", url: "https://own.example/", label: "Own", status: "running", is_primary: true, analysis_id: "a1", final_url: null, error: null, crawl: crawl("c1", 40) },
    { id: "u2", url: "https://rival.example/", status: "running", is_primary: false, analysis_id: "a2", final_url: null, error: null, crawl: crawl("c2", 12) },
  ],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  finished_at: null,
} as unknown as Batch;

function page(n: number, values: Partial<CrawlPage> = {}): CrawlPage {
  return {
    id: `p${n}`,
    url: `https://own.example/blog/${n}`,
    status: "done",
    depth: 1,
    source: "link",
    found_on: "https://own.example/",
    template: "/blog/:slug",
    http_status: 200,
    title: `Post ${n}`,
    failing: [],
    rendered: false,
    attempts: 1,
    error: null,
    ...values,
  };
}

/** The pages endpoint over 60 pages of which the even ones fail document-title and 2 failed. */
const PAGES: CrawlPage[] = Array.from({ length: 60 }, (_, n) =>
  n >= 58
    ? page(n, { status: "failed", http_status: null, error: "connection refused", template: null, title: null })
    : page(n, { failing: n % 2 ? [] : ["document-title"], template: n < 10 ? "/docs/:slug" : "/blog/:slug" }),
);

function serve(): URL[] {
  const asked: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const url = new URL(input, "http://aura.test");
      asked.push(url);
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
      if (url.pathname !== "/api/v1/competitive/b1/sites/u1/pages") return json({ detail: "not in this test" }, 404);
      const q = url.searchParams;
      let items = PAGES;
      if (q.get("template")) items = items.filter((p) => p.template === q.get("template"));
      if (q.get("status")) items = items.filter((p) => p.status === q.get("status"));
      if (q.get("failing")) items = items.filter((p) => p.failing.includes(q.get("failing")!));
      const number = Number(q.get("page") ?? 1);
      const size = Number(q.get("page_size") ?? 50);
      return json({ items: items.slice((number - 1) * size, number * size), total: items.length, page: number, page_size: size });
    }),
  );
  return asked;
}

function show(batch: Batch = BATCH) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <CrawlPages batch={batch} templates={["/blog/:slug", "/docs/:slug"]} />
    </QueryClientProvider>,
  );
}

const rows = () => screen.getByRole("table").querySelectorAll("tbody tr");

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("CrawlPages", { timeout: 30_000 }, () => {
  it("shows each site's crawl progress", () => {
    serve();
    show();
    const progress = screen.getByRole("list", { name: "Crawl progress" });
    expect(progress).toHaveTextContent("Own: 60 discovered · 40 done · 2 failed · 18 queued · 1 skipped");
    expect(progress).toHaveTextContent("rival.example: 60 discovered · 12 done · 2 failed · 46 queued");
  });

  it("lists a site's pages a page at a time and filters them", async () => {
    const asked = serve();
    show();
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(screen.getByText("60 pages · page 1 of 2")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(rows()).toHaveLength(10));
    expect(asked.at(-1)!.searchParams.get("page")).toBe("2");

    fireEvent.change(screen.getByLabelText("State"), { target: { value: "failed" } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const failed = asked.at(-1)!.searchParams;
    expect(failed.get("status")).toBe("failed");
    expect(failed.get("page")).toBe("1");
    expect(rows()[0]).toHaveTextContent("connection refused");

    fireEvent.change(screen.getByLabelText("State"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Template"), { target: { value: "/docs/:slug" } });
    fireEvent.change(screen.getByLabelText("Failing audit"), { target: { value: "document-title" } });
    await waitFor(() => expect(rows()).toHaveLength(5));
    for (const row of rows()) expect(within(row as HTMLElement).getByText("document-title")).toBeInTheDocument();
    expect(asked.at(-1)!.searchParams.get("template")).toBe("/docs/:slug");

    fireEvent.change(screen.getByLabelText("Failing audit"), { target: { value: "no-such-audit" } });
    expect(await screen.findByText("No crawled page matches these filters.")).toBeInTheDocument();
  });

  it("shows nothing for a batch that does not crawl", () => {
    serve();
    const batch = { ...BATCH, urls: BATCH.urls.map((u) => ({ ...u, crawl: null })) } as unknown as Batch;
    const { container } = show(batch);
    expect(container).toBeEmptyDOMElement();
  });
});
