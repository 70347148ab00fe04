import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AuditEntry, DetailBlock } from "../lib/report";
import { AuditList } from "./AuditList";

function entry(id: string, score: number | null, view: DetailBlock[] | null = null, mode = "numeric"): AuditEntry {
  return { id, title: `${id} title`, description: "", score, mode, displayValue: "", error: null, details: {}, view, weight: 1 };
}

const cacheView: DetailBlock[] = [
  {
    type: "table",
    title: "Short ttl",
    columns: [
      { key: "url", label: "URL", type: "url" },
      { key: "ttl_seconds", label: "Cache lifetime", type: "seconds" },
      { key: "bytes", label: "Size", type: "bytes" },
    ],
    rows: [
      { url: "/app.js", ttl_seconds: 300, bytes: 48000 },
      { url: "javascript:alert(1)", ttl_seconds: null, bytes: 1200 },
    ],
    total: 2,
  },
  { type: "list", title: "Items", item_type: "code", items: ['<img src="x" onerror="alert(1)">'], total: 1 },
];

describe("AuditList", () => {
  it("renders details as a table with working links and units, page text as text", () => {
    const { container } = render(<AuditList audits={[entry("cache-lifetime", 0, cacheView)]} baseUrl="https://shop.example/" />);
    fireEvent.click(screen.getByText("cache-lifetime title"));
    const table = container.querySelector("table") as HTMLTableElement;
    const links = [...table.querySelectorAll("a")];
    expect(links.map((a) => [a.textContent, a.getAttribute("href")])).toEqual([["/app.js", "https://shop.example/app.js"]]);
    expect(links[0]?.getAttribute("rel")).toContain("noopener");
    expect(within(table).getByText("5 min")).toBeTruthy();
    expect(within(table).getByText("47 KiB")).toBeTruthy();
    expect(within(table).getByText("none")).toBeTruthy();
    expect(within(table).getByText("javascript:alert(1)").tagName).not.toBe("A");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText('<img src="x" onerror="alert(1)">')).toBeTruthy();
    expect(container.textContent).not.toContain("null");
  }, 20000);

  it("folds passed and not-applicable audits away", () => {
    render(<AuditList audits={[entry("failing", 0), entry("fine", 1), entry("absent", null, null, "notApplicable")]} />);
    const passed = screen.getByText("Passed audits (1)").closest("details");
    expect(passed?.open).toBe(false);
    expect(screen.getByText("Not applicable (1)")).toBeTruthy();
    expect(screen.getByText("failing title")).toBeTruthy();
  }, 20000);
});
