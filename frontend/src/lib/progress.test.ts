import { describe, expect, it } from "vitest";
import type { Batch } from "../api/types";
import { applyMessage, hasComparison } from "./progress";

const batch: Batch = {
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
    { id: "u1", url: "https://own.example/", status: "queued", is_primary: true, analysis_id: "a1", final_url: null, error: null },
    { id: "u2", url: "https://rival.example/", status: "queued", is_primary: false, analysis_id: "a2", final_url: null, error: null },
  ],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  finished_at: null,
};

describe("applyMessage", () => {
  it("takes a snapshot as it is", () => {
    const snapshot = { ...batch, version: 9 };
    expect(applyMessage(batch, { type: "snapshot", version: 9, batch: snapshot })).toEqual({ kind: "updated", batch: snapshot });
  });

  it("applies the next version", () => {
    const started = applyMessage(batch, { type: "url.started", version: 4, analysis_id: "a1" });
    expect(started.kind).toBe("updated");
    if (started.kind !== "updated") return;
    expect(started.batch.urls[0]!.status).toBe("running");
    const failed = applyMessage(started.batch, {
      type: "url.finished",
      version: 5,
      analysis_id: "a1",
      status: "failed",
      error: "connection refused",
      progress: 50,
      completed_urls: 0,
      failed_urls: 1,
    });
    expect(failed.kind === "updated" && failed.batch.urls[0]).toMatchObject({ status: "failed", error: "connection refused" });
    expect(failed.kind === "updated" && failed.batch.progress).toBe(50);
  });

  it("follows a running site's stage until it is over", () => {
    const step = (current: Batch, message: Parameters<typeof applyMessage>[1]): Batch => {
      const applied = applyMessage(current, message);
      if (applied.kind !== "updated") throw new Error(applied.kind);
      return applied.batch;
    };
    const started = step(batch, { type: "url.started", version: 4, analysis_id: "a1" });
    expect(started.urls[0]!.stage).toBe("fetching");
    const rendering = step(started, { type: "url.stage", version: 5, analysis_id: "a1", stage: "rendering" });
    expect(rendering.urls.map((item) => item.stage ?? null)).toEqual(["rendering", null]);
    const auditing = step(rendering, { type: "url.stage", version: 6, analysis_id: "a1", stage: "auditing" });
    expect(auditing.urls[0]!.stage).toBe("auditing");
    // An unknown stage still advances the version and changes nothing else.
    const unknown = step(auditing, { type: "url.stage", version: 7, analysis_id: "a1", stage: "dreaming" });
    expect(unknown.urls[0]!.stage).toBe("auditing");
    const done = step(unknown, { type: "url.finished", version: 8, analysis_id: "a1", status: "completed", progress: 50 });
    expect(done.urls[0]).toMatchObject({ status: "completed", stage: null });
  });

  it("updates a site's crawl counters from crawl.progress without touching the version", () => {
    const crawl = { id: "c1", status: "crawling", discovered: 3, done: 1, failed: 0, skipped: 0, queued: 2, error: null };
    const [own, rival] = batch.urls as [Batch["urls"][number], Batch["urls"][number]];
    const crawled: Batch = { ...batch, urls: [{ ...own, crawl }, rival] };
    const applied = applyMessage(crawled, { type: "crawl.progress", crawl_id: "c1", discovered: 7, done: 4, failed: 1, skipped: 0, queued: 2 });
    expect(applied.kind).toBe("updated");
    if (applied.kind !== "updated") return;
    expect(applied.batch.version).toBe(3);
    expect(applied.batch.urls[0]?.crawl).toEqual({ ...crawl, discovered: 7, done: 4, failed: 1, queued: 2 });
    expect(applied.batch.urls[1]).toEqual(rival);
  });

  it("ignores what the client already has and reports a gap", () => {
    expect(applyMessage(batch, { type: "url.started", version: 3, analysis_id: "a1" }).kind).toBe("stale");
    expect(applyMessage(batch, { type: "url.started", version: 5, analysis_id: "a1" }).kind).toBe("gap");
  });

  it("finishes the batch", () => {
    const done = applyMessage(batch, { type: "batch.finished", version: 4, status: "partial", error: null });
    expect(done.kind === "updated" && done.batch.status).toBe("partial");
  });
});

describe("hasComparison", () => {
  const urls = (...statuses: string[]) => statuses.map((status) => ({ status })) as unknown as Batch["urls"];
  it("is there once a batch is finished, and for a cancelled batch with an analysed site", () => {
    expect(hasComparison({ status: "completed", urls: urls("completed", "completed") })).toBe(true);
    expect(hasComparison({ status: "partial", urls: urls("completed", "failed") })).toBe(true);
    expect(hasComparison({ status: "cancelled", urls: urls("completed", "cancelled") })).toBe(true);
    expect(hasComparison({ status: "cancelled", urls: urls("failed", "cancelled") })).toBe(false);
    expect(hasComparison({ status: "running", urls: urls("completed", "running") })).toBe(false);
  });
});

describe("a site's crawl over the WebSocket", () => {
  const crawl = { id: "c1", status: "running", discovered: 10, done: 2, failed: 0, skipped: 0, queued: 8, error: null };
  const crawling = { ...batch, urls: [{ ...batch.urls[0]!, crawl }, batch.urls[1]!] } as Batch;
  const counters = (b: Batch) => (b.urls[0] as unknown as { crawl: typeof crawl }).crawl;

  it("updates the counters of crawl.progress without a version and without a resync", () => {
    const applied = applyMessage(crawling, { type: "crawl.progress", crawl_id: "c1", discovered: 40, done: 12, failed: 1, skipped: 0, queued: 27 });
    expect(applied.kind).toBe("updated");
    if (applied.kind !== "updated") return;
    expect(counters(applied.batch)).toMatchObject({ discovered: 40, done: 12, failed: 1, queued: 27 });
    expect(applied.batch.version).toBe(crawling.version);
  });

  it("keeps the higher counts when two pages' events arrive crossed", () => {
    const latest = applyMessage(crawling, { type: "crawl.progress", crawl_id: "c1", discovered: 13, done: 13, failed: 0, skipped: 0, queued: 0 });
    if (latest.kind !== "updated") throw new Error(latest.kind);
    const older = applyMessage(latest.batch, { type: "crawl.progress", crawl_id: "c1", discovered: 13, done: 12, failed: 0, skipped: 0, queued: 1 });
    expect(older.kind).toBe("stale");
    expect(counters(latest.batch)).toMatchObject({ done: 13, queued: 0 });
  });

  it("ignores progress of a crawl the batch does not show", () => {
    expect(applyMessage(crawling, { type: "crawl.progress", crawl_id: "other", done: 5 })).toEqual({ kind: "stale" });
  });

  it("marks the crawl finished with crawl.finished, which is versioned", () => {
    const applied = applyMessage(crawling, { type: "crawl.finished", version: 4, crawl_id: "c1", status: "completed", pages: 40, error: null });
    expect(applied.kind).toBe("updated");
    if (applied.kind !== "updated") return;
    expect(counters(applied.batch)).toMatchObject({ status: "completed", queued: 0 });
    expect(applied.batch.version).toBe(4);
  });
});
