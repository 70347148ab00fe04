import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { SiteHealth } from "../api/types";
import type { ResultSite } from "../lib/results";
import { CompetitorCard } from "./CompetitorCard";

function site(renderHealth: SiteHealth | null): ResultSite {
  return {
    key: "https://news.example/",
    url: "https://news.example/",
    label: "news.example",
    isPrimary: false,
    analysisId: "00000000-0000-0000-0000-000000000001",
    status: "completed",
    error: null,
    report: null,
    title: "News",
    overall: 71,
    rank: 1,
    scores: { design: 90 },
    securityGrade: null,
    renderHealth,
  };
}

const degraded: SiteHealth = {
  status: "degraded",
  reasons: ["rendered unstyled: 2 of 2 stylesheets failed to load"],
  requested: 24,
  failed: 24,
  failed_share: 1,
  unstyled: true,
  blank: false,
  unreliable: ["design", "performance"],
};

function show(health: SiteHealth | null) {
  render(
    <MemoryRouter>
      <CompetitorCard site={site(health)} technologies={[]} categoryTitles={{ design: "Design", performance: "Performance" }} />
    </MemoryRouter>,
  );
}

describe("CompetitorCard render health", () => {
  it("says a degraded render and what it makes unreliable", () => {
    show(degraded);
    expect(screen.getByTestId("render-degraded")).toHaveTextContent("Render degraded");
    const note = screen.getByTestId("render-health");
    expect(note).toHaveTextContent("2 of 2 stylesheets failed to load");
    expect(note).toHaveTextContent("never counted as a lead: Design, Performance.");
  });

  it("shows failures of a healthy render as a count only", () => {
    show({ ...degraded, status: "healthy", reasons: [], unreliable: [], failed: 4, requested: 13 });
    expect(screen.queryByTestId("render-degraded")).toBeNull();
    expect(screen.getByTestId("render-failures")).toHaveTextContent("4 of 13 stylesheets");
  });

  it("shows nothing for a document older than render health", () => {
    show(null);
    expect(screen.queryByTestId("render-health")).toBeNull();
    expect(screen.queryByTestId("render-failures")).toBeNull();
  });
});
