import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { GridRow } from "../lib/grid";
import type { ResultSite } from "../lib/results";
import { CategoryRadar, MetricBars } from "./Charts";

function site(key: string, label: string, isPrimary = false): ResultSite {
  return {
    key,
    url: key,
    label,
    isPrimary,
    analysisId: key,
    status: "completed",
    error: null,
    report: null,
    title: null,
    overall: null,
    rank: null,
    scores: {},
    securityGrade: null,
    renderHealth: null,
  };
}

const sites = [site("https://own.example/", "Own", true), site("https://rival.example/", "Rival")];

function row(id: string, label: string, unit: string, values: Record<string, number | null>): GridRow {
  return { id: `metric:${id}`, label, kind: "metric", unit, direction: "lower", values };
}

function bars(metricId: string) {
  const figure = screen.getByTestId(`metric-bars-${metricId}`);
  return within(figure)
    .getAllByRole("listitem")
    .map((item) => ({
      text: item.textContent,
      width: (within(item).getByTestId("metric-bar") as HTMLElement).style.width,
    }));
}

describe("MetricBars", () => {
  it("draws a CLS of 0.03 as a short bar labelled 0.03 on a 0–0.25 scale", () => {
    render(
      <MetricBars
        sites={sites}
        rows={[row("cls_mobile", "Cumulative Layout Shift (mobile)", "unitless", { "https://own.example/": 0.03, "https://rival.example/": 0.01 })]}
      />,
    );
    expect(bars("cls_mobile")).toEqual([
      { text: "Own0.03", width: "12%" },
      { text: "Rival0.01", width: "4%" },
    ]);
    expect(screen.getByTestId("metric-bars-cls_mobile").textContent).toContain("Scale: 0 to 0.25");
  });

  it("formats sizes and times with the shared formatting, and leaves out sites without a value", () => {
    render(
      <MetricBars
        sites={sites}
        rows={[
          row("total_bytes", "Page weight", "bytes", { "https://own.example/": 2_411_724, "https://rival.example/": null }),
          row("lcp_mobile", "Largest Contentful Paint (mobile)", "ms", { "https://own.example/": 1000, "https://rival.example/": 2000 }),
        ]}
      />,
    );
    expect(bars("total_bytes")).toEqual([{ text: "Own2.3 MiB", width: `${(2_411_724 / 2_500_000) * 100}%` }]);
    expect(bars("lcp_mobile")).toEqual([
      { text: "Own1.0 s", width: "25%" },
      { text: "Rival2.0 s", width: "50%" },
    ]);
  });
});

describe("CategoryRadar", () => {
  function category(id: string, label: string, values: Record<string, number | null>): GridRow {
    return { id, label, kind: "category", unit: "score", direction: "higher", values };
  }
  const own = "https://own.example/";
  const rival = "https://rival.example/";

  it("leaves a category without a score for some site off the radar and says so, never drawing it as 0", () => {
    render(
      <CategoryRadar
        sites={sites}
        rows={[
          category("seo", "SEO", { [own]: 90, [rival]: 80 }),
          category("accessibility", "Accessibility", { [own]: 70, [rival]: 95 }),
          category("security", "Security", { [own]: 40, [rival]: 60 }),
          category("performance", "Performance", { [own]: 55, [rival]: null }),
        ]}
      />,
    );
    expect(screen.getByTestId("radar-unmeasured").textContent).toBe(
      "Not on the chart, not scored for every site: Performance.",
    );
  });

  it("says when too few categories are scored for every site", () => {
    render(
      <CategoryRadar
        sites={sites}
        rows={[
          category("seo", "SEO", { [own]: 90, [rival]: 80 }),
          category("performance", "Performance", { [own]: 55, [rival]: null }),
          category("design", "Design", { [own]: null, [rival]: 70 }),
        ]}
      />,
    );
    expect(screen.getByText("Not enough categories scored for every site for a radar chart.")).toBeTruthy();
    expect(screen.getByTestId("radar-unmeasured").textContent).toContain("Performance, Design");
  });
});
