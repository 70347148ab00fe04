import { describe, expect, it } from "vitest";
import { leadCounts, orderSites, rowLeaders, type GridRow, type GridSite } from "./grid";

function row(values: GridRow["values"], direction: GridRow["direction"] = "higher", id = "r"): GridRow {
  return { id, label: id, kind: "metric", unit: "count", direction, values };
}

describe("rowLeaders", () => {
  it("picks the highest value when higher is better", () => {
    expect([...rowLeaders(row({ a: 70, b: 91, c: 40 }))]).toEqual(["b"]);
  });

  it("picks the lowest value when lower is better", () => {
    expect([...rowLeaders(row({ a: 320, b: 180, c: 950 }, "lower"))]).toEqual(["b"]);
  });

  it("lets tied sites share the lead", () => {
    expect([...rowLeaders(row({ a: 90, b: 90, c: 60 }))].sort()).toEqual(["a", "b"]);
  });

  it("has no leader when every site has the same value", () => {
    expect(rowLeaders(row({ a: 0, b: 0, c: 0 }, "lower")).size).toBe(0);
  });

  it("ignores sites without a value, and needs two values to lead", () => {
    expect([...rowLeaders(row({ a: null, b: 10, c: undefined, d: 5 }, "lower"))]).toEqual(["d"]);
    expect(rowLeaders(row({ a: 10, b: null })).size).toBe(0);
  });

  it("follows the comparison's leaders: a degraded render or a win within noise leads nothing", () => {
    // b's 2 ms TTFB is within noise of c's 16 ms; a rendered unstyled and is not a leader.
    const ttfb = { ...row({ a: 1, b: 2, c: 16 }, "lower"), leaders: ["b", "c"] };
    expect([...rowLeaders(ttfb)].sort()).toEqual(["b", "c"]);
    const design = { ...row({ a: 95, b: 70, c: 60 }), leaders: ["b"] };
    expect([...rowLeaders(design)]).toEqual(["b"]);
  });

  it("treats zero as a value, not as missing", () => {
    expect([...rowLeaders(row({ a: 0, b: 3 }, "lower"))]).toEqual(["a"]);
  });
});

describe("leadCounts", () => {
  it("counts each row a site leads", () => {
    const rows = [row({ a: 1, b: 2 }, "higher", "x"), row({ a: 1, b: 2 }, "lower", "y"), row({ a: 5, b: 5 }, "higher", "z")];
    expect(leadCounts(rows)).toEqual({ a: 1, b: 1 });
  });
});

describe("orderSites", () => {
  const sites: GridSite[] = [
    { key: "rival1", label: "rival1", isPrimary: false },
    { key: "own", label: "own", isPrimary: true },
    { key: "rival2", label: "rival2", isPrimary: false },
    { key: "rival3", label: "rival3", isPrimary: false },
  ];
  const speed = row({ own: 500, rival1: 300, rival2: 100, rival3: null }, "lower", "speed");

  it("pins the own site first and keeps the given order otherwise", () => {
    expect(orderSites(sites, [speed], null).map((s) => s.key)).toEqual(["own", "rival1", "rival2", "rival3"]);
  });

  it("sorts the others best first by a row, missing values last, own site still first", () => {
    const ordered = orderSites(sites, [speed], { rowId: "speed", order: "best" });
    expect(ordered.map((s) => s.key)).toEqual(["own", "rival2", "rival1", "rival3"]);
  });

  it("sorts worst first on request", () => {
    const ordered = orderSites(sites, [speed], { rowId: "speed", order: "worst" });
    expect(ordered.map((s) => s.key)).toEqual(["own", "rival1", "rival2", "rival3"]);
  });
});
