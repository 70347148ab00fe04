import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Batch } from "../api/types";
import { rerunBody } from "../hooks/queries";
import { DashboardPage } from "./DashboardPage";

function batch(id: string, name: string, status: string): Batch {
  return {
    id,
    name,
    status,
    mode: "static",
    progress: status === "running" ? 50 : 100,
    total_urls: 2,
    completed_urls: status === "running" ? 1 : 2,
    failed_urls: 0,
    primary_url: "https://you.example/",
    version: 3,
    error: null,
    urls: [
      { id: `${id}-1`, url: "https://you.example/", status: "completed", stage: null, is_primary: true, label: "Our shop", analysis_id: `${id}-a1`, final_url: null, error: null },
      { id: `${id}-2`, url: "https://rival.example/", status: status === "running" ? "running" : "completed", stage: status === "running" ? "auditing" : null, is_primary: false, label: null, analysis_id: `${id}-a2`, final_url: null, error: null },
    ],
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-01T00:00:00Z",
    finished_at: status === "running" ? null : "2026-11-01T00:01:00Z",
  } as unknown as Batch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("DashboardPage", () => {
  it("offers Re-run only for comparisons that are over", async () => {
    const items = [batch("b1", "Still going", "running"), batch("b2", "All done", "completed")];
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ items, total: 2, page: 1, page_size: 100 }), { status: 200, headers: { "Content-Type": "application/json" } })),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <DashboardPage />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const rows = await screen.findAllByRole("listitem");
    const row = (name: string) => rows.find((item) => item.textContent?.includes(name))!;
    expect(within(row("Still going")).queryByRole("button", { name: "Re-run" })).not.toBeInTheDocument();
    expect(within(row("All done")).getByRole("button", { name: "Re-run" })).toBeInTheDocument();
  });
});

describe("rerunBody", () => {
  it("runs the same sites again under the names the user gave them", () => {
    expect(rerunBody(batch("b2", "All done", "completed"))).toEqual({
      name: "All done",
      urls: ["https://you.example/", "https://rival.example/"],
      primary_url: "https://you.example/",
      mode: "static",
      labels: { "https://you.example/": "Our shop" },
    });
  });
});
