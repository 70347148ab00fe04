import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Trends } from "../api/types";
import { scoreAxis, trendCategories, trendData } from "../lib/sets";
import { TrendChart } from "./TrendChart";

// Three runs; the newcomer joined at the second run, the rival was not scored in SEO at the
// third (its analysis failed), and the site list puts a competitor before your own site.
const trends: Trends = {
  runs: [
    { batch_id: "run-1", status: "completed", at: "2026-11-26T09:00:00Z" },
    { batch_id: "run-2", status: "partial", at: "2026-11-27T09:00:00Z" },
    { batch_id: "run-3", status: "completed", at: "2026-11-28T09:00:00Z" },
  ],
  categories: ["overall", "seo", "performance"],
  sites: [
    {
      url: "https://rival.example/",
      is_primary: false,
      scores: { overall: [70, 72, 74], seo: [60, 61, null], performance: [80, 80, 81] },
      ranks: { overall: [2, 2, 1], seo: [2, 2, null], performance: [1, 1, 1] },
    },
    {
      url: "https://you.example/",
      is_primary: true,
      scores: { overall: [75, 73, 71], seo: [88, 90, 92], performance: [70, 71, 72] },
      ranks: { overall: [1, 1, 2], seo: [1, 1, 1], performance: [2, 2, 2] },
    },
    {
      url: "https://new.example/",
      is_primary: false,
      scores: { overall: [null, 50, 55], seo: [null, 40, 45] },
      ranks: { overall: [null, 3, 3], seo: [null, 3, 2] },
    },
  ],
};

describe("trendData", () => {
  it("gives one row per run, oldest first, with every site's value of that run", () => {
    const { rows, series } = trendData(trends, "overall");
    expect(rows.map((row) => row.batchId)).toEqual(["run-1", "run-2", "run-3"]);
    expect(rows.map((row) => row.at)).toEqual(trends.runs.map((run) => run.at));
    const you = series.find((line) => line.isPrimary)!;
    const rival = series.find((line) => line.url === "https://rival.example/")!;
    expect(rows.map((row) => row[you.key])).toEqual([75, 73, 71]);
    expect(rows.map((row) => row[rival.key])).toEqual([70, 72, 74]);
  });

  it("leaves a gap where a site has no value instead of shifting its line", () => {
    const { rows, series } = trendData(trends, "seo");
    const newcomer = series.find((line) => line.url === "https://new.example/")!;
    const rival = series.find((line) => line.url === "https://rival.example/")!;
    expect(rows.map((row) => row[newcomer.key])).toEqual([null, 40, 45]);
    expect(rows.map((row) => row[rival.key])).toEqual([60, 61, null]);
  });

  it("gives null for a category a site was never scored in", () => {
    const { rows, series } = trendData(trends, "performance");
    const newcomer = series.find((line) => line.url === "https://new.example/")!;
    expect(rows.map((row) => row[newcomer.key])).toEqual([null, null, null]);
  });

  it("reads ranks with the same alignment", () => {
    const { rows, series } = trendData(trends, "overall", "ranks");
    const you = series.find((line) => line.isPrimary)!;
    expect(rows.map((row) => row[you.key])).toEqual([1, 1, 2]);
  });

  it("puts your site first and keys the lines without dots (recharts reads them as paths)", () => {
    const { series } = trendData(trends, "overall");
    expect(series[0]).toMatchObject({ url: "https://you.example/", isPrimary: true, label: "you.example" });
    expect(series.map((line) => line.key)).toEqual(["s0", "s1", "s2"]);
    expect(series.every((line) => !line.key.includes("."))).toBe(true);
  });

  it("zooms the score axis to the lines on round ticks", () => {
    const { rows, series } = trendData(trends, "overall");
    expect(scoreAxis(rows, series)).toEqual({ domain: [40, 80], ticks: [40, 50, 60, 70, 80] });
    const empty = trendData({ ...trends, sites: [] }, "overall");
    expect(scoreAxis(empty.rows, empty.series).domain).toEqual([0, 100]);
  });

  it("labels the categories, overall first", () => {
    expect(trendCategories(trends)).toEqual([
      { id: "overall", label: "Overall" },
      { id: "seo", label: "SEO" },
      { id: "performance", label: "Performance" },
    ]);
  });
});

describe("TrendChart", () => {
  // jsdom has no layout: the chart's container only needs an observer that never fires.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };

  it("offers every category of the set", () => {
    render(<TrendChart trends={trends} />);
    const select = screen.getByLabelText("Category");
    expect(within(select).getAllByRole("option").map((option) => option.textContent)).toEqual(["Overall", "SEO", "Performance"]);
  });

  it("says when there is nothing to draw yet", () => {
    render(<TrendChart trends={{ runs: [], categories: [], sites: [] }} />);
    expect(screen.getByText(/once a run of this set has finished/)).toBeInTheDocument();
  });
});
