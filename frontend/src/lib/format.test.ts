import { describe, expect, it } from "vitest";
import { formatValue, metricFormat } from "./format";

describe("formatValue", () => {
  it("writes values as the Python side does (src/aura/formatting.py)", () => {
    expect(formatValue(0.03, "unitless")).toBe("0.03");
    expect(formatValue(3423, "bytes")).toBe("3.3 KiB");
    expect(formatValue(120000, "bytes")).toBe("117 KiB");
    expect(formatValue(2500000, "bytes")).toBe("2.4 MiB");
    expect(formatValue(568, "ms")).toBe("568 ms");
    expect(formatValue(1234, "ms")).toBe("1.2 s");
    expect(formatValue(300, "seconds")).toBe("5 min");
    expect(formatValue(0.347, "ratio")).toBe("35%");
    expect(formatValue(0, "bool")).toBe("no");
    expect(formatValue(null, "ms")).toBe("\u2013");
  });
});

describe("metricFormat", () => {
  it("names metrics instead of showing their keys", () => {
    expect(metricFormat("ttfb_ms")).toEqual({ label: "Time to first byte", unit: "ms" });
    expect(metricFormat("fcp_mobile")).toEqual({ label: "First Contentful Paint (mobile)", unit: "ms" });
    expect(metricFormat("cls_desktop")).toEqual({ label: "Cumulative Layout Shift (desktop)", unit: "unitless" });
    expect(metricFormat("http2").unit).toBe("bool");
  });
});
