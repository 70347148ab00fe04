import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunChanges, RunSummary, SetRead } from "../api/types";
import { SetPage } from "./SetPage";

const SET_ID = "7d7f0e0c-0000-4000-8000-000000000001";

const SET: SetRead = {
  id: SET_ID,
  name: "Rivals",
  urls: ["https://you.example/", "https://rival.example/"],
  primary_url: "https://you.example/",
  mode: "static",
  ignore_selectors: {},
  runs: 1,
  schedule: null,
  run_count: 3,
  last_run: null,
  created_at: "2026-11-01T00:00:00Z",
  updated_at: "2026-11-01T00:00:00Z",
};

function run(number: number): RunSummary {
  const day = String(number + 3).padStart(2, "0");
  return {
    batch_id: `run-${number}`,
    number,
    status: "completed",
    trigger: "schedule",
    progress: 100,
    created_at: `2026-12-${day}T07:00:00Z`,
    finished_at: `2026-12-${day}T07:01:00Z`,
    scores: {},
    change_count: 0,
  };
}

const RUNS = [run(3), run(2), run(1)];

/** The API as the page calls it; the changes endpoint compares what it is asked for. */
function serve(set: SetRead = SET): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const url = new URL(input, "http://aura.test");
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
      if (url.pathname === `/api/v1/sets/${SET_ID}`) return json(set);
      if (url.pathname.endsWith("/runs")) return json({ items: RUNS });
      if (url.pathname.endsWith("/changes")) {
        asked.push(url.search);
        const to = url.searchParams.get("to_run") ?? "run-3";
        const after = RUNS.findIndex((item) => item.batch_id === to);
        const ref = (item: RunSummary) => ({ batch_id: item.batch_id, status: item.status, created_at: item.created_at, finished_at: item.finished_at });
        const changes: RunChanges = { version: "1.0", before: ref(RUNS[after + 1]!), after: ref(RUNS[after]!), primary_url: SET.primary_url, sites: [], overtakes: [], summary: [] };
        return json(changes);
      }
      return json({ detail: "not in this test" }, 404);
    }),
  );
  return asked;
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/sets/:setId" element={<SetPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("SetPage", { timeout: 30_000 }, () => {
  it("says how far each run crawls the sites", async () => {
    serve({ ...SET, crawl: { pages: 40, depth: 3, include: ["/blog/*"], exclude: [], subdomains: false } });
    renderAt(`/sets/${SET_ID}`);
    expect(await screen.findByTestId("set-crawl")).toHaveTextContent("up to 40 pages per site, depth 3, 1 URL pattern");
  });

  it("says a set without a crawl analyses the front pages only", async () => {
    serve();
    renderAt(`/sets/${SET_ID}`);
    expect(await screen.findByTestId("set-crawl")).toHaveTextContent("front pages only");
  });

  it("names each run by its number and day", async () => {
    serve();
    renderAt(`/sets/${SET_ID}`);
    const rows = await screen.findAllByTestId("run-row");
    expect(rows.map((row) => row.querySelector(".run-row__name")?.textContent)).toEqual([
      `Run 3 · ${new Date(RUNS[0]!.created_at).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" })}`,
      expect.stringMatching(/^Run 2 · /),
      expect.stringMatching(/^Run 1 · /),
    ]);
  });

  it("opens the changes of the run an alert links to, and scrolls to them", async () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    const asked = serve();
    renderAt(`/sets/${SET_ID}?run=run-2#changes`);
    const range = await screen.findByTestId("changes-range");
    expect(range).toHaveTextContent(/^Run 2 \(.*\) against Run 1 \(/);
    expect(asked).toEqual(["?to_run=run-2"]);
    expect(screen.getByLabelText("Run")).toHaveValue("run-2");
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(scrolled.mock.contexts[0]).toBe(document.getElementById("changes"));
    expect(screen.queryByTestId("linked-run")).not.toBeInTheDocument();
  });

  it("says so when the linked run cannot be shown, and shows the latest two", async () => {
    const asked = serve();
    renderAt(`/sets/${SET_ID}?run=run-9#changes`);
    expect(await screen.findByTestId("linked-run")).toHaveTextContent("not a finished run of this set");
    expect(await screen.findByTestId("changes-range")).toHaveTextContent(/^Run 3 \(.*\) against Run 2 \(/);
    expect(asked).toEqual([""]);
  });
});
