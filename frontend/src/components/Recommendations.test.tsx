import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Recommendation } from "../api/types";
import { RecommendationItems } from "./Recommendations";

const OURS = "http://ours.example/";
const SHOP = "http://shop.example/";

function recommendation(overrides: Partial<Recommendation>): Recommendation {
  return {
    audit_id: "is-on-https",
    action: "Serve the site over HTTPS",
    title: "Does not use HTTPS",
    goal: null,
    description: null,
    categories: ["security"],
    kind: "opportunity",
    severity: "critical",
    severity_reason: "security risk: traffic can be read and altered",
    fix: ["Redirect every HTTP request to HTTPS."],
    snippets: [{ server: "nginx", code: "return 301 https://$host$request_uri;" }],
    items: [],
    items_total: 0,
    savings_bytes: null,
    savings_ms: null,
    score: 0,
    your_value: "Served over plain HTTP",
    best_competitor_score: 0,
    competitors_passing: [],
    competitors_total: 1,
    adoption: 0,
    potential_points: 3.1,
    impact: 10,
    competitors: [],
    ...overrides,
  };
}

const images = recommendation({
  audit_id: "modern-image-formats",
  action: "Serve images as WebP or AVIF, starting with /img/hero.jpg: 939 KB → about 610 KB",
  severity: "high",
  severity_reason: "JPEG and PNG are far heavier",
  categories: ["performance"],
  fix: ["Serve them with `<picture>`/`srcset`."],
  snippets: [],
  items: [
    { label: `${OURS}img/hero.jpg`, kind: "url", bytes: 961157, savings_bytes: 336404, note: "jpeg" },
    { label: '<img src=x onerror="alert(1)">', kind: "element", bytes: null, savings_bytes: null, note: null },
  ],
  items_total: 7,
  competitors_passing: [SHOP],
  adoption: 1,
  impact: 6.4,
  competitors: [{ url: SHOP, score: 1, display_value: null, evidence: ["Start free trial"] }],
});

describe("RecommendationItems", () => {
  it("keeps the document's order and shows the number it is sorted by", () => {
    render(<RecommendationItems items={[recommendation({}), images]} sites={[]} />);
    const cards = screen.getAllByRole("listitem").filter((li) => li.classList.contains("recommendation"));
    expect(cards.map((card) => card.querySelector(".recommendation__action")?.textContent)).toEqual([
      "Serve the site over HTTPS",
      images.action,
    ]);
    expect(cards.map((card) => card.querySelector(".recommendation__points")?.textContent)).toEqual(["10.0", "6.4"]);
  });

  it("names the failing items as text, with their sizes, and the competitors' evidence", () => {
    render(<RecommendationItems items={[images]} sites={[]} />);
    const card = screen.getByText(images.action).closest("li")!;
    expect(within(card).getByText("Where (2 of 7):")).toBeTruthy();
    expect(within(card).getByText(`${OURS}img/hero.jpg`).tagName).toBe("CODE");
    expect(within(card).getByText(/939 KiB, about 329 KiB to save, jpeg/)).toBeTruthy();
    // The page's markup is shown, never obeyed.
    expect(within(card).getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
    expect(card.querySelector("img")).toBeNull();
    expect(within(card).getByText(/1 of 1 competitors already do this/)).toBeTruthy();
    expect(within(card).getByText(/shop\.example \(Start free trial\)/)).toBeTruthy();
  });

  it("shows how to fix it, code spans and server snippets included", () => {
    render(<RecommendationItems items={[recommendation({}), images]} sites={[]} />);
    fireEvent.click(screen.getAllByText("How to fix it")[0]!);
    expect(screen.getByText("nginx")).toBeTruthy();
    expect(screen.getByText("return 301 https://$host$request_uri;").tagName).toBe("CODE");
    expect(screen.getByText("<picture>").tagName).toBe("CODE");
  });
});
