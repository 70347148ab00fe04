// The scale of a bar chart: a bar's length is its value on a scale that fits the metric, so a
// CLS of 0.03 draws a short bar and a score of 40 fills 40 % of the track, whatever the other
// sites' values. Pure functions, tested in chartScale.test.ts.
import { splitProfile } from "./format";
import { POOR_THRESHOLDS } from "./metrics.generated";

/** The "poor" threshold of a lab metric (`cls_mobile` → 0.25), or null when it has none. */
export function poorThreshold(metricId: string): number | null {
  const [base, profile] = splitProfile(metricId);
  if (profile) return POOR_THRESHOLDS[profile]?.[base] ?? null;
  const known = Object.values(POOR_THRESHOLDS)
    .map((thresholds) => thresholds[base])
    .filter((value): value is number => typeof value === "number");
  return known.length ? Math.max(...known) : null;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (0 stays 0). */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    // Rounded to dodge 0.1 + 0.2-style float error (0.25 must stay 0.25).
    const candidate = Number((step * power).toPrecision(12));
    if (candidate >= value) return candidate;
  }
  return 10 * power;
}

/**
 * The end of the scale a bar chart of this metric uses (it starts at 0): 100 for scores, 100 %
 * for ratios, and otherwise the metric's "poor" threshold or the largest value rounded up to
 * a round number, whichever is larger.
 */
export function scaleEnd(metricId: string, unit: string, values: number[]): number {
  if (unit === "score") return 100;
  if (unit === "ratio") return Math.max(1, ...values);
  const largest = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  return Math.max(poorThreshold(metricId) ?? 0, niceCeiling(largest)) || 1;
}

/** A bar's length as a percentage of the track (negative values draw no bar). */
export function barPercent(value: number, end: number): number {
  if (!(end > 0) || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, (value / end) * 100));
}
