import { describe, expect, it } from "vitest";
import { barPercent, niceCeiling, poorThreshold, scaleEnd } from "./chartScale";

describe("scaleEnd", () => {
  it("puts a small layout shift on a 0–0.25 scale, not one that ends at its own value", () => {
    const end = scaleEnd("cls_mobile", "unitless", [0.03, 0.01]);
    expect(end).toBe(0.25);
    expect(barPercent(0.03, end)).toBeCloseTo(12);
  });

  it("widens the scale when a value is past the metric's poor threshold", () => {
    expect(scaleEnd("cls_desktop", "unitless", [0.4])).toBe(0.5);
    expect(scaleEnd("lcp_mobile", "ms", [1200, 900])).toBe(4000);
    expect(scaleEnd("lcp_mobile", "ms", [6100])).toBe(10000);
  });

  it("keeps scores on 0–100 and ratios on 0–100 %", () => {
    expect(scaleEnd("performance_score", "score", [12, 30])).toBe(100);
    expect(barPercent(40, scaleEnd("x", "score", [40]))).toBe(40);
    expect(scaleEnd("third_party_byte_share", "ratio", [0.1])).toBe(1);
  });

  it("rounds sizes and counts without thresholds up to a round number from 0", () => {
    expect(scaleEnd("total_bytes", "bytes", [2_400_000, 800_000])).toBe(2_500_000);
    expect(scaleEnd("request_count", "count", [37])).toBe(50);
    expect(scaleEnd("request_count", "count", [0, 0])).toBe(1);
  });
});

describe("helpers", () => {
  it("finds the thresholds of profiled and unprofiled ids", () => {
    expect(poorThreshold("tbt_desktop")).toBe(350);
    expect(poorThreshold("lcp")).toBe(4000);
    expect(poorThreshold("word_count")).toBeNull();
  });

  it("rounds up to 1, 2, 2.5 and 5 steps", () => {
    expect(niceCeiling(0.25)).toBe(0.25);
    expect(niceCeiling(0.26)).toBe(0.5);
    expect(niceCeiling(101)).toBe(200);
    expect(niceCeiling(0)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
    expect(barPercent(-3, 10)).toBe(0);
  });
});
