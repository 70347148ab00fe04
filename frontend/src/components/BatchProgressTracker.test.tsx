import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { Batch } from "../api/types";
import { BatchProgressTracker, elapsedText } from "./BatchProgressTracker";

function batch(status: string, startedSecondsAgo: number, finishedAfter: number | null = null): Batch {
  const created = new Date(Date.now() - startedSecondsAgo * 1000);
  const finished = finishedAfter === null ? null : new Date(created.getTime() + finishedAfter * 1000);
  return {
    id: "00000000-0000-0000-0000-0000000000b1",
    name: null,
    status,
    mode: "static",
    progress: 50,
    total_urls: 2,
    completed_urls: 1,
    failed_urls: 0,
    primary_url: null,
    version: 3,
    error: null,
    urls: [],
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
    finished_at: finished?.toISOString() ?? null,
  } as unknown as Batch;
}

describe("BatchProgressTracker", () => {
  it("calls a URL by the name the user gave it, else by its host", () => {
    const url = (id: string, address: string, label: string | null) => ({
      id,
      url: address,
      status: "running",
      is_primary: false,
      label,
      analysis_id: id,
      final_url: null,
      error: null,
    });
    const running = {
      ...batch("running", 5),
      urls: [url("u1", "https://acme.example/", "<b>Acme</b>"), url("u2", "https://rival.example/", null)],
    } as unknown as Batch;
    render(
      <MemoryRouter>
        <BatchProgressTracker batch={running} connection="live" />
      </MemoryRouter>,
    );
    expect(screen.getByTitle("https://acme.example/")).toHaveTextContent("<b>Acme</b>");
    expect(screen.getByTitle("https://rival.example/")).toHaveTextContent("rival.example");
  });

  it("shows each site's stage: queued, fetching, rendering, auditing, done, or failed with the reason", () => {
    const item = (id: string, status: string, stage: string | null, error: string | null = null) => ({
      id,
      url: `https://${id}.example/`,
      status,
      stage,
      is_primary: false,
      label: null,
      analysis_id: id,
      final_url: null,
      error,
    });
    const running = {
      ...batch("running", 5),
      urls: [
        item("a", "queued", null),
        item("b", "running", "fetching"),
        item("c", "running", "rendering"),
        item("d", "running", "auditing"),
        item("e", "completed", null),
        item("f", "failed", null, "the server answered HTTP 503"),
      ],
    } as unknown as Batch;
    render(
      <MemoryRouter>
        <BatchProgressTracker batch={running} connection="live" />
      </MemoryRouter>,
    );
    expect(screen.getAllByTestId("url-stage").map((el) => el.textContent)).toEqual([
      "Queued",
      "Fetching the page",
      "Rendering in Chromium",
      "Auditing",
      "Done",
      "Failed",
    ]);
    expect(screen.getByText("the server answered HTTP 503")).toBeInTheDocument();
  });

  it("says how long a running comparison has taken so far", () => {
    render(
      <MemoryRouter>
        <BatchProgressTracker batch={batch("running", 65)} connection="live" />
      </MemoryRouter>,
    );
    expect(screen.getByTestId("elapsed")).toHaveTextContent("1 min 05 s so far");
  });

  it("says how long a finished comparison took, not how long ago it started", () => {
    render(
      <MemoryRouter>
        <BatchProgressTracker batch={batch("completed", 3600, 42)} connection="finished" />
      </MemoryRouter>,
    );
    expect(screen.getByTestId("elapsed")).toHaveTextContent("in 42 s");
  });

  it("writes seconds, then minutes and seconds", () => {
    expect(elapsedText(9_400)).toBe("9 s");
    expect(elapsedText(125_000)).toBe("2 min 05 s");
  });
});
