// One formatting definition with src/aura/formatting.py (units, digits, binary sizes); the
// metric names and units come from it through the generated metrics.generated.ts.
import { DEVICE_PROFILES, METRIC_FORMATS, type MetricFormat } from "./metrics.generated";

export type Unit = "ms" | "bytes" | "count" | "bool" | "score" | "ratio" | "unitless" | "seconds" | string;

/** Shown where there is no value (absent is never 0). */
export const MISSING = "\u2013";

const KIB = 1024;
const MIB = 1024 * 1024;

/** At most `decimals` decimals, trailing zeros dropped (0.030 → "0.03"), thousands separated. */
function significant(value: number, decimals: number): string {
  const text = value.toLocaleString("en", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
  return text === "-0" ? "0" : text;
}

/** Binary sizes, one family everywhere: 820 B, 3.3 KiB, 48 KiB, 1.2 MiB. */
export function formatBytes(bytes: number): string {
  const magnitude = Math.abs(bytes);
  if (magnitude < KIB) return `${significant(Math.round(bytes), 0)} B`;
  if (magnitude < MIB) {
    const scaled = bytes / KIB;
    return Math.abs(scaled) < 10 ? `${scaled.toFixed(1)} KiB` : `${significant(Math.round(scaled), 0)} KiB`;
  }
  const scaled = bytes / MIB;
  return Math.abs(scaled) < 100 ? `${scaled.toFixed(1)} MiB` : `${significant(Math.round(scaled), 0)} MiB`;
}

function formatSeconds(value: number): string {
  for (const [size, name] of [
    [86400, "d"],
    [3600, "h"],
    [60, "min"],
  ] as const) {
    if (Math.abs(value) >= size) return `${significant(value / size, 1)} ${name}`;
  }
  return `${significant(Math.round(value), 0)} s`;
}

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  switch (unit) {
    case "ms":
      return Math.abs(value) < 1000 ? `${significant(Math.round(value), 0)} ms` : `${(value / 1000).toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
    case "bytes":
      return formatBytes(value);
    case "seconds":
      return formatSeconds(value);
    case "bool":
      return value ? "yes" : "no";
    case "ratio": {
      const percent = value * 100;
      return `${significant(percent, Math.abs(percent) < 10 ? 1 : 0)}%`;
    }
    case "percent":
      return `${significant(value, 0)}%`;
    case "unitless":
      return significant(value, 3);
    case "score":
      return significant(value, 1);
    case "score1":
      return value.toFixed(1);
    default:
      return significant(value, Number.isInteger(value) ? 0 : 1);
  }
}

/** `lcp_mobile`, `load_mobile_ms` and `mobile_lcp` → the base id and the device profile. */
export function splitProfile(id: string): [string, string | null] {
  const parts = id.split("_");
  for (const profile of DEVICE_PROFILES) {
    const at = parts.indexOf(profile);
    if (at !== -1 && parts.length > 1) {
      parts.splice(at, 1);
      return [parts.join("_"), profile];
    }
  }
  return [id, null];
}

/** The display name and unit of a metric id ("ttfb_ms" → "Time to first byte", ms). */
export function metricFormat(id: string): MetricFormat {
  const [base, profile] = splitProfile(id);
  const suffix = profile ? ` (${profile})` : "";
  const known = METRIC_FORMATS[id] ?? METRIC_FORMATS[base];
  if (known) return METRIC_FORMATS[id] ? known : { label: known.label + suffix, unit: known.unit };
  const stem = base.replace(/_(ms|bytes)$/, "").replace(/_/g, " ").trim();
  const unit = base.endsWith("_ms") ? "ms" : base.endsWith("_bytes") ? "bytes" : "count";
  return { label: (stem ? stem.charAt(0).toUpperCase() + stem.slice(1) : id) + suffix, unit };
}

export function formatMetric(id: string, value: number | null | undefined): string {
  return formatValue(value, metricFormat(id).unit);
}

export function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === "/" ? "" : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return url;
  }
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function relativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 14) return `${days} d ago`;
  return formatDate(iso);
}

/** A 0–100 score's band, for colour: good ≥ 90, average ≥ 50, poor below. */
export function scoreBand(score: number | null | undefined): "good" | "average" | "poor" | "none" {
  if (score === null || score === undefined) return "none";
  if (score >= 90) return "good";
  if (score >= 50) return "average";
  return "poor";
}
