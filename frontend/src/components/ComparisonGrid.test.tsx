import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { GridRow, GridSite } from "../lib/grid";
import { ComparisonGrid } from "./ComparisonGrid";

const sites: GridSite[] = [
  { key: "https://rival-a.example/", label: "rival-a.example", isPrimary: false },
  { key: "https://own.example/", label: "own.example", isPrimary: true },
  { key: "https://rival-b.example/", label: "rival-b.example", isPrimary: false },
];

const rows: GridRow[] = [
  {
    id: "category:performance",
    label: "Performance",
    kind: "category",
    unit: "score",
    direction: "higher",
    values: { "https://rival-a.example/": 91, "https://own.example/": 64, "https://rival-b.example/": 91 },
  },
  {
    id: "metric:ttfb_ms",
    label: "Time to first byte",
    kind: "metric",
    unit: "ms",
    direction: "lower",
    values: { "https://rival-a.example/": 420, "https://own.example/": 180, "https://rival-b.example/": 95 },
  },
];

function siteHeaders(): string[] {
  const grid = screen.getByTestId("comparison-grid");
  return within(grid)
    .getAllByRole("columnheader")
    .map((th) => th.getAttribute("data-site"))
    .filter((key): key is string => key !== null);
}

function leadersOf(label: string): string[] {
  const row = screen.getByRole("rowheader", { name: new RegExp(label) }).closest("tr")!;
  const order = siteHeaders();
  return Array.from(row.querySelectorAll("td"))
    .map((td, index) => (td.getAttribute("data-leader") === "true" ? order[index]! : null))
    .filter((key): key is string => key !== null);
}

describe("ComparisonGrid", () => {
  it("pins the own site to the first column", () => {
    render(<ComparisonGrid sites={sites} rows={rows} />);
    expect(siteHeaders()).toEqual(["https://own.example/", "https://rival-a.example/", "https://rival-b.example/"]);
  });

  it("highlights the best value of each row, shared on a tie, lowest where lower is better", () => {
    render(<ComparisonGrid sites={sites} rows={rows} />);
    expect(leadersOf("Performance").sort()).toEqual(["https://rival-a.example/", "https://rival-b.example/"]);
    expect(leadersOf("Time to first byte")).toEqual(["https://rival-b.example/"]);
    expect(screen.getAllByText("leader")).toHaveLength(3);
  });

  it("orders the competitors by a row when its label is clicked, own site still first", async () => {
    const user = userEvent.setup();
    render(<ComparisonGrid sites={sites} rows={rows} />);
    await user.click(screen.getByRole("button", { name: /Time to first byte/ }));
    expect(siteHeaders()).toEqual(["https://own.example/", "https://rival-b.example/", "https://rival-a.example/"]);
    await user.click(screen.getByRole("button", { name: /Time to first byte/ }));
    expect(siteHeaders()).toEqual(["https://own.example/", "https://rival-a.example/", "https://rival-b.example/"]);
  });

  it("opens the details behind a cell", async () => {
    const user = userEvent.setup();
    const onCellClick = vi.fn();
    render(<ComparisonGrid sites={sites} rows={rows} onCellClick={onCellClick} />);
    await user.click(screen.getByRole("button", { name: "64" }));
    expect(onCellClick).toHaveBeenCalledWith(rows[0], sites[1]);
  });

  it("renders text from analysed pages as text", () => {
    const hostile: GridSite[] = [{ key: "x", label: "<img src=x onerror=alert(1)>", isPrimary: true }, sites[0]!];
    render(<ComparisonGrid sites={hostile} rows={rows} />);
    expect(screen.getByText("<img src=x onerror=alert(1)>")).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
  });
});
