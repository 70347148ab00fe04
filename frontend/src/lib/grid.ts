// The comparison grid's logic: rows (categories and key metrics) × sites, the leader of each
// row, and the order of the site columns. Pure functions, tested in grid.test.ts.

export type Direction = "higher" | "lower";

export interface GridSite {
  key: string;
  label: string;
  isPrimary: boolean;
}

export interface GridRow {
  id: string;
  label: string;
  kind: "category" | "metric";
  unit: string;
  direction: Direction;
  values: Record<string, number | null | undefined>;
  /** The comparison's leaders (noise and render health taken into account), when known. */
  leaders?: string[];
}

export interface SortState {
  rowId: string;
  /** "best" puts the best value first, whatever the row's direction. */
  order: "best" | "worst";
}

function present(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * The sites holding the best value of a row. Ties share the lead; a row where fewer than two
 * sites have a value, or where every site has the same value, has no leader.
 */
export function rowLeaders(row: GridRow): Set<string> {
  const entries = Object.entries(row.values).filter((entry): entry is [string, number] =>
    present(entry[1]),
  );
  if (entries.length < 2) return new Set();
  if (row.leaders) {
    // The server's leaders: within a metric's noise of the best, never a degraded render.
    const leaders = row.leaders.filter((key) => present(row.values[key]));
    return leaders.length === entries.length ? new Set() : new Set(leaders);
  }
  const numbers = entries.map(([, value]) => value);
  const best = row.direction === "lower" ? Math.min(...numbers) : Math.max(...numbers);
  const leaders = entries.filter(([, value]) => value === best).map(([key]) => key);
  return leaders.length === entries.length ? new Set() : new Set(leaders);
}

/** How many rows each site leads (ties count for each tied site). */
export function leadCounts(rows: GridRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    for (const key of rowLeaders(row)) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * The order of the site columns: the own site always first, then the others as given, or by
 * the chosen row (sites without a value last, ties keep their given order).
 */
export function orderSites(sites: GridSite[], rows: GridRow[], sort: SortState | null): GridSite[] {
  const pinned = sites.filter((site) => site.isPrimary);
  const others = sites.filter((site) => !site.isPrimary);
  const row = sort ? rows.find((r) => r.id === sort.rowId) : undefined;
  if (!row || !sort) return [...pinned, ...others];
  const better = row.direction === "higher" ? -1 : 1;
  const sign = sort.order === "best" ? better : -better;
  const sorted = others
    .map((site, index) => ({ site, index, value: row.values[site.key] }))
    .sort((a, b) => {
      const aHas = present(a.value);
      const bHas = present(b.value);
      if (aHas !== bHas) return aHas ? -1 : 1;
      if (aHas && bHas && a.value !== b.value) return sign * ((a.value as number) - (b.value as number));
      return a.index - b.index;
    })
    .map((entry) => entry.site);
  return [...pinned, ...sorted];
}
