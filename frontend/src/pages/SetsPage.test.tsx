import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SetList, SetRead } from "../api/types";
import { SetsPage, whenText } from "./SetsPage";

const NOW = Date.parse("2026-11-28T12:00:00Z");

function set(overrides: Partial<SetRead> = {}): SetRead {
  return {
    id: "7d7f0e0c-0000-4000-8000-000000000001",
    name: "Rivals",
    urls: ["https://you.example/", "https://rival.example/"],
    primary_url: "https://you.example/",
    mode: "static",
    ignore_selectors: {},
    runs: 1,
    schedule: null,
    run_count: 0,
    last_run: null,
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-01T00:00:00Z",
    ...overrides,
  };
}

function serve(body: SetList | { detail: string }, status = 200) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } })),
  );
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <SetsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("SetsPage", () => {
  it("lists each set with its sites, schedule, last run and change count", async () => {
    serve({
      items: [
        set({
          schedule: {
            every_hours: 6,
            cron: null,
            timezone: "UTC",
            enabled: true,
            next_run_at: new Date(Date.now() + 3 * 3600_000).toISOString(),
            last_run_at: null,
            description: "Every 6 hours",
          },
          run_count: 2,
          last_run: {
            batch_id: "b2",
            number: 2,
            status: "completed",
            trigger: "schedule",
            progress: 100,
            created_at: "2026-11-28T09:00:00Z",
            finished_at: "2026-11-28T09:01:00Z",
            scores: {},
            change_count: 3,
          },
        }),
      ],
    });
    renderPage();
    const row = await screen.findByTestId("set-row");
    expect(within(row).getByRole("link")).toHaveAttribute("href", "/sets/7d7f0e0c-0000-4000-8000-000000000001");
    expect(row).toHaveTextContent("you.example");
    expect(row).toHaveTextContent("rival.example");
    expect(row).toHaveTextContent("Every 6 hours");
    expect(row).toHaveTextContent("next in 3 h");
    expect(within(row).getByText("Completed")).toBeInTheDocument();
    expect(row).toHaveTextContent("3 changes");
    expect(row).toHaveTextContent(/Run 2 · .*2026/);
    expect(row).toHaveTextContent("2 runs");
  });

  it("calls the sites by the names the set gives them", async () => {
    serve({ items: [set({ labels: { "https://rival.example/": "Rival Desk" } })] });
    renderPage();
    const row = await screen.findByTestId("set-row");
    expect(within(row).getByTitle("https://rival.example/")).toHaveTextContent("Rival Desk");
    expect(within(row).getByTitle("https://you.example/")).toHaveTextContent("you.example");
  });

  it("invites to create the first set", async () => {
    serve({ items: [] });
    renderPage();
    expect(await screen.findByText("No comparison sets yet")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Create a set" })).toHaveAttribute("href", "/sets/new");
  });

  it("says when the sets cannot be loaded", async () => {
    serve({ detail: "database is down" }, 503);
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("database is down");
  });
});

describe("whenText", () => {
  it("speaks of the future and the past", () => {
    expect(whenText("2026-11-28T12:20:00Z", NOW)).toBe("in 20 min");
    expect(whenText("2026-11-28T15:00:00Z", NOW)).toBe("in 3 h");
    expect(whenText("2026-11-28T12:00:10Z", NOW)).toBe("now");
    expect(whenText("2026-11-28T10:00:00Z", NOW)).toBe("2 h ago");
  });
});
