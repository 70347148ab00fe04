import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ComparisonDocument } from "../api/types";
import type { ResultSite } from "../lib/results";
import fixture from "../test/fixtures/site-comparison.json";
import { CrawledSites } from "./SiteComparison";

// The fixture is a document made by Aura's comparison (scripts/site-fixture.py): a.example
// (yours) with 14 broken internal links, b.example with none, c.example with 3.
const A = "https://a.example/";
const B = "https://b.example/";

function doc(): ComparisonDocument {
  return structuredClone(fixture) as unknown as ComparisonDocument;
}

/** A table by its accessible name (role queries are slow on a document this size). */
function table(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`table[aria-label="${name}"]`);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

const sites = [
  { url: A, label: "Your shop", isPrimary: true },
  { url: B, label: "Rival", isPrimary: false },
] as unknown as ResultSite[];

describe("CrawledSites", { timeout: 30_000 }, () => {
  it("is not shown when the sites were not crawled", () => {
    const comparison = { ...doc(), site: null };
    const { container } = render(<CrawledSites doc={comparison} sites={sites} />);
    expect(container).toBeEmptyDOMElement();
    expect(screen.queryByText("Sites as crawled")).not.toBeInTheDocument();
  });

  it("shows each site's broken internal links, the best site and the pages behind them", () => {
    render(<CrawledSites doc={doc()} sites={sites} />);
    const finding = screen.getByTestId("site-finding-broken-internal-links");
    const counts = [...finding.querySelectorAll(".site-finding__counts > span")] as HTMLElement[];
    expect(counts[0]).toHaveTextContent("Your shop: 14 broken internal links");
    expect(counts[1]).toHaveTextContent("Rival: 0 broken internal links");
    expect(within(counts[1]!).getByText("best")).toBeInTheDocument();
    expect(within(counts[0]!).queryByText("best")).not.toBeInTheDocument();
    // c.example has no label: it is called by its host.
    expect(counts[2]).toHaveTextContent("c.example: 3 broken internal links");

    fireEvent.click(within(finding).getByText("Internal links to pages that fail (4xx, 5xx or no response)"));
    expect(within(finding).getByText(/Fix or remove each link on the pages listed/)).toBeVisible();
    const example = within(finding).getByText("https://a.example/gone/0");
    expect(example.tagName).toBe("A");
    expect(example).toHaveAttribute("href", "https://a.example/gone/0");
    expect(example.closest("li")).toHaveTextContent("HTTP 404");
    expect(example.closest("li")).toHaveTextContent("Linked from https://a.example/");
  });

  it("puts the site scores, templates, structured data and content volume side by side", () => {
    render(<CrawledSites doc={doc()} sites={sites} />);
    // In the section's statements (and again in the finding's details).
    expect(screen.getAllByText(/you have 14 of 39; the best competitor, b.example, has 0 of 25/)[0]!.closest("ul")).toHaveClass("findings");
    const templates = table("Pages per template");
    const product = within(templates).getByText("/product/:id").closest("tr")!;
    expect(within(product).getAllByRole("cell").map((c) => c.textContent)).toEqual(["25", "25", "4"]);
    const markup = table("Structured data coverage");
    const row = within(markup).getByText("Product").closest("tr")!;
    const cells = within(row).getAllByRole("cell");
    expect(cells[0]).toHaveTextContent("12% of /product/:id (3 of 25)");
    expect(cells[1]).toHaveTextContent("96% of /product/:id (24 of 25)");
    expect(within(cells[1]!).getByText("best")).toBeInTheDocument();
    expect(cells[2]).toHaveTextContent("none");
    const scores = table("Site scores");
    expect(within(scores).getByText("SEO")).toBeInTheDocument();
    const volume = table("Content volume and topics");
    const own = within(volume).getByText("Your shop").closest("tr")!;
    expect(within(own).getAllByRole("cell").map((c) => c.textContent)).toEqual(["26", "10,400", "400", "400", "kettle 25tea 25"]);
  });

  it("names each site's main topics, and none for a site whose pages had no keywords", () => {
    render(<CrawledSites doc={doc()} sites={sites} />);
    const own = within(screen.getByRole("list", { name: "Main topics of Your shop" })).getAllByRole("listitem");
    expect(own.map((item) => item.firstChild?.textContent?.trim())).toEqual(["kettle", "tea"]);
    expect(own[0]).toHaveAttribute("title", "On 25 pages");
    const rival = within(screen.getByRole("list", { name: "Main topics of Rival" })).getAllByRole("listitem");
    expect(rival.map((item) => item.firstChild?.textContent?.trim())).toEqual(["teapot", "cups"]);
    const third = within(table("Content volume and topics")).getByText("c.example").closest("tr")!;
    expect(within(third).getAllByRole("cell").at(-1)).toHaveTextContent("\u2013");
    expect(screen.getByText("Main topics: a.example kettle, tea; b.example teapot, cups.")).toBeInTheDocument();
  });

  it("shows topics from a report as text", () => {
    const comparison = doc();
    comparison.site!.topics![A] = [{ term: "<img src=x onerror=alert(1)>", pages: 2, weight: 2 }];
    const { container } = render(<CrawledSites doc={comparison} sites={sites} />);
    expect(screen.getByText("<img src=x onerror=alert(1)>")).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
  });

  it("shows page text as text and links only http(s) URLs", () => {
    const comparison = doc();
    const report = comparison.site!.reports[A] as { findings: { id: string; pages: { url?: string }[] }[] };
    report.findings.find((f) => f.id === "broken-internal-links")!.pages[0]!.url = "javascript:alert(1)";
    const { container } = render(<CrawledSites doc={comparison} sites={sites} />);
    const titles = screen.getByTestId("site-finding-duplicate-titles");
    expect(titles).toHaveTextContent("Your shop: 2 pages sharing a title");
    fireEvent.click(within(titles).getByText("Pages sharing the same title"));
    expect(within(titles).getByText("<img src=x onerror=alert(1)> Shop")).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
    const broken = screen.getByTestId("site-finding-broken-internal-links");
    fireEvent.click(within(broken).getByText("Internal links to pages that fail (4xx, 5xx or no response)"));
    expect(within(broken).getByText("javascript:alert(1)").closest("a")).toBeNull();
  });
});
