import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Delta, RunChanges, SiteChanges } from "../api/types";
import { ChangesView, DiffText, Overtakes, SiteChangeCard } from "./ChangesView";

afterEach(() => {
  vi.unstubAllGlobals();
});

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

function delta(id: string, label: string, before: number, after: number, verdict: Delta["verdict"], direction: Delta["direction"] = "higher", unit: Delta["unit"] = "score"): Delta {
  return { id, label, unit, direction, before, after, change: after - before, verdict };
}

function site(overrides: Partial<SiteChanges> = {}): SiteChanges {
  return {
    url: "https://rival.example/",
    is_primary: false,
    status: "changed",
    error: null,
    scores: [],
    metrics: [],
    ranks: [],
    technology: [],
    content: [],
    pricing: null,
    visual: null,
    change_count: 1,
    summary: [],
    ...overrides,
  };
}

describe("DiffText", () => {
  it("renders insertions and deletions as <ins> and <del> with the words in between", () => {
    const { container } = render(
      <DiffText
        segments={[
          { op: "equal", text: "Build" },
          { op: "delete", text: "faster" },
          { op: "insert", text: "smarter" },
          { op: "equal", text: "sites" },
        ]}
      />,
    );
    const diff = screen.getByTestId("diff");
    expect(container.querySelectorAll("ins")).toHaveLength(1);
    expect(container.querySelectorAll("del")).toHaveLength(1);
    expect(container.querySelector("ins")).toHaveTextContent("smarter");
    expect(container.querySelector("del")).toHaveTextContent("faster");
    // Pieces without their own white space are not glued together.
    expect(diff.textContent).toBe("Build faster smarter sites");
  });

  it("keeps the white space the pieces carry and adds none", () => {
    render(
      <DiffText
        segments={[
          { op: "equal", text: "Plans from " },
          { op: "delete", text: "$29" },
          { op: "insert", text: "$35" },
          { op: "equal", text: " a month" },
        ]}
      />,
    );
    expect(screen.getByTestId("diff").textContent).toBe("Plans from $29 $35 a month");
  });

  it("shows markup from a page as text: no element is created and no script runs", () => {
    const { container } = render(
      <DiffText
        segments={[
          { op: "delete", text: "Old headline" },
          { op: "insert", text: XSS },
        ]}
      />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("ins")?.textContent).toBe(XSS);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("puts each piece of a line diff on its own line", () => {
    const { container } = render(
      <DiffText
        lines
        segments={[
          { op: "equal", text: "Welcome" },
          { op: "insert", text: "Now with AI" },
        ]}
      />,
    );
    expect(screen.getByTestId("diff")).toHaveClass("diff--lines");
    expect(container.querySelectorAll(".diff__piece")).toHaveLength(2);
  });
});

describe("SiteChangeCard", () => {
  function renderCard(changes: SiteChanges) {
    return render(
      <MemoryRouter>
        <SiteChangeCard site={changes} setId="set-1" afterBatchId="run-2" />
      </MemoryRouter>,
    );
  }

  it("heads the card with the site's name, its address on hover", () => {
    renderCard(site({ name: "Rival Desk" }));
    const heading = screen.getByRole("heading", { level: 3 });
    expect(heading).toHaveTextContent("Rival Desk");
    expect(heading).toHaveAttribute("title", "https://rival.example/");
  });

  it("colours score deltas by better or worse for the site, not by sign", () => {
    renderCard(
      site({
        scores: [delta("seo", "SEO", 70, 82, "better"), delta("performance", "Performance", 90, 75, "worse"), delta("overall", "Overall", 80, 80, "unchanged")],
        metrics: [delta("ttfb_ms", "Time to first byte", 400, 150, "better", "lower", "ms")],
      }),
    );
    const seo = screen.getByRole("row", { name: /SEO/ });
    expect(within(seo).getByText("▲ +12")).toHaveClass("delta--better");
    const perf = screen.getByRole("row", { name: /Performance/ });
    expect(within(perf).getByText("▼ −15")).toHaveClass("delta--worse");
    // A lower time is better: the fall is green.
    const ttfb = screen.getByRole("row", { name: /Time to first byte/ });
    expect(within(ttfb).getByText(/−250 ms/)).toHaveClass("delta--better");
    // Unchanged scores stay out of the way.
    expect(screen.queryByRole("row", { name: /Overall/ })).not.toBeInTheDocument();
  });

  it("says which values were not compared, and why, once per reason", () => {
    const busy = "desktop timings disturbed: host busy (the page's renderer waited 2.2 s for a CPU (it ran 718 ms)) in this run";
    renderCard(
      site({
        status: "unchanged",
        change_count: 0,
        scores: [{ ...delta("performance", "Performance", 85, 44, "unmeasured"), note: `its lab values cannot be compared: ${busy}` }],
        metrics: [
          { ...delta("fcp_desktop", "FCP (desktop)", 156, 1664, "unmeasured", "lower", "ms"), note: busy },
          { ...delta("lcp_desktop", "LCP (desktop)", 492, 5100, "unmeasured", "lower", "ms"), note: busy },
          delta("lcp_mobile", "LCP (mobile)", 2400, 2500, "unchanged", "lower", "ms"),
        ],
      }),
    );
    const notes = within(screen.getByTestId("not-compared")).getAllByRole("listitem");
    expect(notes.map((item) => item.textContent)).toEqual([
      `Not compared: Performance. Its lab values cannot be compared: ${busy}.`,
      `Not compared: FCP (desktop), LCP (desktop). Desktop timings disturbed: host busy (the page's renderer waited 2.2 s for a CPU (it ran 718 ms)) in this run.`,
    ]);
    // Not a change: no row calls them better or worse.
    expect(screen.queryByRole("row", { name: /Performance/ })).not.toBeInTheDocument();
  });

  it("lists rank moves, technology, content, pricing and the visual change", () => {
    // The overlay is fetched with the token; here it never arrives.
    const fetched = vi.fn((_url: string) => new Promise(() => {}));
    vi.stubGlobal("fetch", fetched);
    const { container } = renderCard(
      site({
        change_count: 6,
        ranks: [{ category: "seo", label: "SEO", before: 3, after: 1, verdict: "up" }],
        technology: [
          { name: "jQuery", change: "removed", categories: ["JavaScript libraries"], before_version: "3.7.1", after_version: null },
          { name: "React", change: "added", categories: [], before_version: null, after_version: null },
          { name: "nginx", change: "version", categories: ["Web servers"], before_version: "1.24", after_version: "1.25" },
        ],
        content: [
          {
            field: "headline",
            label: "Headline",
            before: "Fast sites",
            after: XSS,
            added: [],
            removed: [],
            diff: [
              { op: "delete", text: "Fast sites" },
              { op: "insert", text: XSS },
            ],
            summary: "Headline changed",
          },
          { field: "calls_to_action", label: "Calls to action", before: "Buy", after: "Start free", added: ["Start free"], removed: ["Buy"], diff: [], summary: "1 added, 1 removed" },
        ],
        pricing: {
          before_url: "https://rival.example/pricing",
          after_url: "https://rival.example/pricing",
          changes: [
            {
              plan: "Pro",
              change: "price",
              before: { name: "Pro", price: 29, currency: "USD", period: "month", price_text: "$29" },
              after: { name: "Pro", price: 35, currency: "USD", period: "month", price_text: "$35" },
              summary: "Pro: $29/month → $35/month",
            },
          ],
        },
        visual: { screenshot: "desktop.png", changed_percent: 12.5, overlay: "0-desktop.png" },
      }),
    );
    expect(screen.getByText(/SEO: #3 → #1/)).toHaveClass("rank-move--up");
    expect(screen.getByText("jQuery").closest("li")).toHaveClass("tech-change--removed");
    expect(screen.getByText("React").closest("li")).toHaveClass("tech-change--added");
    expect(screen.getByText("nginx").closest("li")).toHaveTextContent("1.24 → 1.25");
    expect(screen.getByText("Headline changed")).toBeInTheDocument();
    expect(container.querySelector("img[src=x]")).toBeNull();
    expect(screen.getByText("Start free").tagName).toBe("INS");
    expect(screen.getByText("Buy").tagName).toBe("DEL");
    const pro = screen.getByRole("row", { name: /Pro/ });
    expect(pro).toHaveTextContent("$29");
    expect(pro).toHaveTextContent("$35");
    expect(screen.getByText("12.5%")).toBeInTheDocument();
    expect(fetched).toHaveBeenCalledWith("/api/v1/sets/set-1/runs/run-2/visual/0-desktop.png", expect.anything());
    expect(screen.getByText("6 changes")).toBeInTheDocument();
  });
});

describe("ChangesView", () => {
  const changes: RunChanges = {
    version: "1.0",
    before: { batch_id: "run-1", status: "completed", created_at: "2026-11-27T10:00:00Z", finished_at: "2026-11-27T10:01:00Z" },
    after: { batch_id: "run-2", status: "completed", created_at: "2026-11-28T10:00:00Z", finished_at: "2026-11-28T10:01:00Z" },
    primary_url: "https://you.example/",
    sites: [
      site({ url: "https://quiet.example/", status: "unchanged", change_count: 0 }),
      site({ url: "https://rival.example/", summary: ["Headline changed"] }),
      site({ url: "https://you.example/", is_primary: true, status: "unchanged", change_count: 0 }),
    ],
    overtakes: [],
    summary: ["rival.example changed its headline"],
  };

  it("puts your site first and folds the unchanged competitors away", async () => {
    render(
      <MemoryRouter>
        <ChangesView changes={changes} setId="set-1" />
      </MemoryRouter>,
    );
    const cards = () => screen.getAllByTestId("site-changes").map((card) => card.getAttribute("data-url"));
    expect(cards()).toEqual(["https://you.example/", "https://rival.example/"]);
    await userEvent.setup().click(screen.getByRole("button", { name: "Show 1 unchanged site" }));
    expect(cards()).toEqual(["https://you.example/", "https://rival.example/", "https://quiet.example/"]);
  });
});

describe("Overtakes", () => {
  it("says who overtook whom, naming your site 'you'", () => {
    render(
      <Overtakes
        primaryUrl="https://you.example/"
        overtakes={[
          { category: "seo", label: "SEO", site: "https://rival.example/", overtaken: "https://you.example/", site_before: 70, site_after: 85, overtaken_before: 80, overtaken_after: 78 },
        ]}
      />,
    );
    const item = screen.getByRole("listitem");
    expect(item).toHaveTextContent("rival.example overtook you in SEO (70 → 85 vs 80 → 78)");
    expect(item).toHaveClass("overtake--loss");
  });

  it("calls a site by its name when the changes give one", () => {
    render(
      <Overtakes
        primaryUrl="https://you.example/"
        names={{ "https://rival.example/": "Rival Desk" }}
        overtakes={[
          { category: "seo", label: "SEO", site: "https://rival.example/", overtaken: "https://you.example/", site_before: 70, site_after: 85, overtaken_before: 80, overtaken_after: 78 },
        ]}
      />,
    );
    expect(screen.getByRole("listitem")).toHaveTextContent("Rival Desk overtook you in SEO");
  });
});
