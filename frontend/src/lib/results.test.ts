import { describe, expect, it } from "vitest";
import type { Analysis, Batch, ComparisonRead } from "../api/types";
import { buildResults, documentOf } from "./results";

function analysis(id: string, url: string, performance: number, ttfb: number): Analysis {
  return {
    id,
    url,
    final_url: url,
    status: "completed",
    mode: "static",
    analysis_version: "1.0",
    attempts: 1,
    error: null,
    duration_ms: 100,
    created_at: "2026-01-01T00:00:00Z",
    started_at: null,
    finished_at: null,
    result: {
      url,
      title: `<b>${url}</b>`,
      categories: {
        performance: { title: "Performance", score: performance, informative: false, audits: [] },
        technology: { title: "Technology", score: null, informative: true, audits: [] },
      },
      metrics: { ttfb_ms: ttfb },
      facts: { headline: "Hello", palette: ["#fff", "url(javascript:x)"] },
    },
  } as Analysis;
}

const batch = {
  id: "b",
  name: null,
  status: "partial",
  mode: "static",
  progress: 100,
  total_urls: 3,
  completed_urls: 2,
  failed_urls: 1,
  primary_url: "https://own.example/",
  version: 9,
  error: null,
  urls: [
    { id: "1", url: "https://own.example/", status: "completed", is_primary: true, analysis_id: "a1", final_url: null, error: null },
    { id: "2", url: "https://rival.example/", status: "completed", is_primary: false, analysis_id: "a2", final_url: null, error: null },
    { id: "3", url: "https://down.example/", status: "failed", is_primary: false, analysis_id: "a3", final_url: null, error: "refused" },
  ],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  finished_at: null,
} as Batch;

describe("buildResults", () => {
  it("works from the analyses alone when the document is of an older shape", () => {
    const legacy = { comparison: { sites: [{ url: "https://own.example/", score: 70, rank: 1 }] } } as unknown as ComparisonRead;
    expect(documentOf(legacy)).toBeNull();
    const results = buildResults(batch, { a1: analysis("a1", "https://own.example/", 90, 200), a2: analysis("a2", "https://rival.example/", 60, 100) }, legacy);
    expect(results.document).toBeNull();
    expect(results.compared.map((s) => s.url)).toEqual(["https://own.example/", "https://rival.example/"]);
    expect(results.sites.find((s) => s.url === "https://down.example/")?.error).toBe("refused");
    const performance = results.rows.find((r) => r.id === "category:performance")!;
    expect(performance.values).toEqual({ "https://own.example/": 90, "https://rival.example/": 60 });
    expect(results.rows.find((r) => r.id === "category:technology")).toBeUndefined();
    const ttfb = results.rows.find((r) => r.id === "metric:ttfb_ms")!;
    expect(ttfb.direction).toBe("lower");
    expect(results.sites[0]!.overall).toBe(70);
    expect(results.sites[0]!.report?.facts.palette).toEqual(["#fff"]);
  });

  it("still lists every site when nothing was loaded", () => {
    const results = buildResults(batch, {}, undefined);
    expect(results.sites).toHaveLength(3);
    expect(results.compared).toHaveLength(0);
  });
});
