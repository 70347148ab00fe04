// Pure helpers of the comparison-set pages: the trend chart's rows, the set form's checks and
// the mapping of the API's 422 details onto its fields. Tested without a server (sets.test.ts).
import type { FieldProblem } from "../api/client";
import type { Delta, RunSummary, ScheduleSpec, SetRead, Trends } from "../api/types";
import { formatValue, hostOf } from "./format";
import { isFinished } from "./progress";
import { categoryLabel } from "./report";
import { normaliseUrl, pyRepr } from "./urls";

// ---------------------------------------------------------------------------------------------
// Trends

export interface TrendSeries {
  /** The row field of this site: recharts reads dotted keys as paths, so never the URL. */
  key: string;
  url: string;
  label: string;
  isPrimary: boolean;
}

export interface TrendRow {
  batchId: string;
  at: string;
  [series: string]: number | string | null;
}

export type TrendMeasure = "scores" | "ranks";

/**
 * One row per run (oldest first) with each site's value in that run, or null where the site
 * was not analysed or not scored then: a gap in its line, never a shifted point.
 */
export function trendData(trends: Trends, category: string, measure: TrendMeasure = "scores"): { rows: TrendRow[]; series: TrendSeries[] } {
  const series = [...trends.sites]
    .sort((a, b) => Number(b.is_primary) - Number(a.is_primary))
    .map((site, index) => ({ key: `s${index}`, url: site.url, label: hostOf(site.url), isPrimary: site.is_primary }));
  const byUrl = new Map(trends.sites.map((site) => [site.url, site]));
  const rows = trends.runs.map((run, index) => {
    const row: TrendRow = { batchId: run.batch_id, at: run.at };
    for (const line of series) {
      const values: (number | null)[] | undefined = byUrl.get(line.url)?.[measure][category];
      const value = values?.[index];
      row[line.key] = typeof value === "number" && Number.isFinite(value) ? value : null;
    }
    return row;
  });
  return { rows, series };
}

/**
 * The score axis, zoomed to the lines with a few points of margin so that small moves show,
 * on round ticks; the whole 0–100 when there is nothing to draw.
 */
export function scoreAxis(rows: TrendRow[], series: TrendSeries[]): { domain: [number, number]; ticks: number[] } {
  const values = rows.flatMap((row) => series.map((line) => row[line.key])).filter((value): value is number => typeof value === "number");
  if (!values.length) return { domain: [0, 100], ticks: [0, 25, 50, 75, 100] };
  const min = Math.min(...values) - 5;
  const max = Math.max(...values) + 5;
  const step = max - min <= 30 ? 5 : max - min <= 60 ? 10 : 20;
  const low = Math.max(0, Math.floor(min / step) * step);
  const high = Math.min(100, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = low; tick < high; tick += step) ticks.push(tick);
  ticks.push(high);
  return { domain: [low, high], ticks };
}

/** The categories a set's trends can show, `overall` first, with their labels. */
export function trendCategories(trends: Trends): { id: string; label: string }[] {
  const ids = trends.categories.length ? trends.categories : ["overall"];
  return ids.map((id) => ({ id, label: categoryLabel(id) }));
}

// ---------------------------------------------------------------------------------------------
// Deltas and runs

/** A change with its sign, in the delta's unit ("+4", "−120 ms"); "—" when unknown. */
export function formatChange(delta: Pick<Delta, "change" | "unit">): string {
  if (delta.change === null || delta.change === undefined) return "—";
  if (delta.change === 0) return "±0";
  const sign = delta.change > 0 ? "+" : "−";
  const magnitude = Math.abs(delta.change);
  const shown = delta.unit === "score" ? (Math.round(magnitude * 10) / 10).toString() : formatValue(magnitude, delta.unit);
  return `${sign}${shown}`;
}

/** A run's time to the second: two runs of one minute must not read alike. */
export function formatRunTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** A run's day, e.g. "6 Dec 2026" (in the reader's locale). */
export function formatRunDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** A run's name: its number among the set's runs and the day it started, "Run 3 · 6 Dec 2026". */
export function runName(run: Pick<RunSummary, "number" | "created_at">): string {
  return `Run ${run.number} · ${formatRunDay(run.created_at)}`;
}

/** Whether the newest run's change count may still arrive (computed just after it ends). */
export function awaitingChangeCount(runs: Pick<RunSummary, "status" | "change_count" | "finished_at">[], now: number = Date.now()): boolean {
  const finished = runs.filter(isFinishedRun);
  const newest = finished[0];
  if (!newest || finished.length < 2 || newest !== runs[0]) return false;
  if (newest.change_count !== null && newest.change_count !== undefined) return false;
  return !!newest.finished_at && now - new Date(newest.finished_at).getTime() < 5 * 60_000;
}

export function isFinishedRun(run: Pick<RunSummary, "status">): boolean {
  return isFinished(run.status) && run.status !== "failed" && run.status !== "cancelled";
}

const TRIGGERS: Record<string, string> = { manual: "Manual", schedule: "Scheduled", cli: "Command line" };

export function triggerLabel(trigger: string | null | undefined): string {
  return trigger ? (TRIGGERS[trigger] ?? trigger) : "—";
}

/** The primary URL first, then the competitors, as the set lists them. */
export function orderedSites(set: Pick<SetRead, "urls" | "primary_url">): { url: string; isPrimary: boolean }[] {
  const primary = set.primary_url ?? set.urls[0];
  return [...set.urls]
    .map((url) => ({ url, isPrimary: url === primary }))
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
}

// ---------------------------------------------------------------------------------------------
// The set form

export type ScheduleKind = "none" | "interval" | "cron";

/**
 * Schedules in words, written as cron: the same presets as the CLI's `--schedule`
 * (aura.sets.schedule.preset_cron); the API's `schedule.description` says them back.
 */
export type SchedulePreset = "weekdays" | "daily" | "weekly" | "hourly" | "custom";

export const SCHEDULE_PRESETS: { id: SchedulePreset; label: string }[] = [
  { id: "weekdays", label: "Every weekday (Monday to Friday)" },
  { id: "daily", label: "Every day" },
  { id: "weekly", label: "Every week" },
  { id: "hourly", label: "Every hour" },
  { id: "custom", label: "Custom (cron expression)" },
];

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export interface PresetChoice {
  preset: SchedulePreset;
  /** "HH:MM" */
  time: string;
  /** 0 (Sunday) to 6 */
  weekday: number;
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;

/** The cron expression of a preset; null for "custom" or a time that is not HH:MM. */
export function presetCron(choice: PresetChoice): string | null {
  if (choice.preset === "hourly") return "0 * * * *";
  const clock = CLOCK.exec(choice.time.trim());
  if (choice.preset === "custom" || !clock) return null;
  const hour = Number(clock[1]);
  const minute = Number(clock[2]);
  if (hour > 23 || minute > 59) return null;
  const day = { daily: "*", weekdays: "1-5", weekly: String(choice.weekday) }[choice.preset];
  return `${minute} ${hour} * * ${day}`;
}

/** Which preset a cron expression is ("custom" when none), with its time and day. */
export function presetOf(cron: string): PresetChoice {
  const custom: PresetChoice = { preset: "custom", time: "09:00", weekday: 1 };
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return custom;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  if (day !== "*" || month !== "*" || !/^\d{1,2}$/.test(minute) || Number(minute) > 59) return custom;
  if (hour === "*") return minute === "0" && weekday === "*" ? { ...custom, preset: "hourly" } : custom;
  if (!/^\d{1,2}$/.test(hour) || Number(hour) > 23) return custom;
  const time = `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
  if (weekday === "*") return { preset: "daily", time, weekday: 1 };
  if (weekday === "1-5") return { preset: "weekdays", time, weekday: 1 };
  if (/^[0-7]$/.test(weekday)) return { preset: "weekly", time, weekday: Number(weekday) % 7 };
  return custom;
}

export interface ScheduleValues {
  kind: ScheduleKind;
  everyHours: string;
  cron: string;
  timezone: string;
  enabled: boolean;
}

export interface SetExtraValues {
  schedule: ScheduleValues;
  /** Ignore selectors by site (normalised URL when it parses, else as typed), one per line. */
  selectors: Record<string, string>;
}

export interface SetExtraProblems {
  everyHours?: string;
  cron?: string;
  timezone?: string;
  schedule?: string;
  /** By the same site keys as `SetExtraValues.selectors`. */
  selectors: Record<string, string>;
  general?: string;
}

export const MAX_EVERY_HOURS = 24 * 366;

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function scheduleValues(set?: Pick<SetRead, "schedule"> | null): ScheduleValues {
  const schedule = set?.schedule;
  if (!schedule) return { kind: "none", everyHours: "24", cron: "0 9 * * 1", timezone: browserTimeZone(), enabled: true };
  return {
    kind: schedule.cron ? "cron" : "interval",
    everyHours: schedule.every_hours !== null ? String(schedule.every_hours) : "24",
    cron: schedule.cron ?? "0 9 * * 1",
    timezone: schedule.timezone || "UTC",
    enabled: schedule.enabled,
  };
}

/** The key a site's selectors are kept under: the URL as the API will store it. */
export function siteKey(raw: string): string {
  const trimmed = raw.trim();
  try {
    return normaliseUrl(trimmed);
  } catch {
    return trimmed;
  }
}

export function splitSelectors(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Null when the browser's own CSS parser accepts the selector, else why not. */
export function selectorProblem(selector: string): string | null {
  try {
    document.createDocumentFragment().querySelector(selector);
    return null;
  } catch {
    return `${pyRepr(selector.trim())} is not a valid CSS selector`;
  }
}

function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const CRON_FIELD = /^[\d*?,/\-A-Za-z#LW]+$/;

/** The set's own fields (schedule, selectors) checked before anything is sent. */
export function validateSetExtras(values: SetExtraValues, siteKeys: string[]): SetExtraProblems {
  const problems: SetExtraProblems = { selectors: {} };
  const { schedule } = values;
  if (schedule.kind === "interval") {
    const hours = Number(schedule.everyHours.trim());
    if (!schedule.everyHours.trim() || !Number.isFinite(hours)) problems.everyHours = "give the interval in hours, e.g. 6 or 0.5";
    else if (hours <= 0) problems.everyHours = "the interval must be more than 0 hours";
    else if (hours > MAX_EVERY_HOURS) problems.everyHours = `the interval must be at most ${MAX_EVERY_HOURS} hours (a year)`;
  }
  if (schedule.kind === "cron") {
    const fields = schedule.cron.trim().split(/\s+/).filter(Boolean);
    if (fields.length !== 5) problems.cron = `a cron expression has 5 fields (minute hour day month weekday), got ${fields.length}`;
    else if (!fields.every((field) => CRON_FIELD.test(field))) problems.cron = "a cron field may hold only digits, names, * , - / ? L W #";
    if (!schedule.timezone.trim()) problems.timezone = "give a time zone, e.g. Europe/Paris or UTC";
    else if (!knownTimeZone(schedule.timezone.trim())) problems.timezone = `${pyRepr(schedule.timezone.trim())} is not a known IANA time zone`;
  }
  for (const key of siteKeys) {
    const bad = splitSelectors(values.selectors[key] ?? "").map(selectorProblem).find((problem) => problem !== null);
    if (bad) problems.selectors[key] = bad;
  }
  return problems;
}

export function hasExtraProblems(problems: SetExtraProblems): boolean {
  return !!(problems.everyHours || problems.cron || problems.timezone || problems.schedule || problems.general) || Object.keys(problems.selectors).length > 0;
}

export function scheduleBody(values: ScheduleValues): ScheduleSpec | null {
  if (values.kind === "none") return null;
  if (values.kind === "interval") return { every_hours: Number(values.everyHours.trim()), timezone: values.timezone.trim() || "UTC", enabled: values.enabled };
  return { cron: values.cron.trim().split(/\s+/).join(" "), timezone: values.timezone.trim() || "UTC", enabled: values.enabled };
}

/** The selectors to send, keyed by the URLs exactly as they are sent. */
export function selectorsBody(selectors: Record<string, string>, urls: string[]): Record<string, string[]> {
  const body: Record<string, string[]> = {};
  for (const url of urls) {
    const lines = splitSelectors(selectors[siteKey(url)] ?? "");
    if (lines.length) body[url] = lines;
  }
  return body;
}

/**
 * Splits the API's 422 details between the URL form (urls, name, mode: it maps those itself)
 * and the set's own fields. `urls` are the URLs as sent, to find the site a selector key names.
 */
export function splitSetProblems(problems: FieldProblem[], urls: string[]): { form: FieldProblem[]; extra: SetExtraProblems } {
  const extra: SetExtraProblems = { selectors: {} };
  const form: FieldProblem[] = [];
  for (const problem of problems) {
    const [where, field, sub] = problem.loc;
    if (where === "body" && field === "schedule") {
      if (sub === "every_hours") extra.everyHours = problem.msg;
      else if (sub === "cron") extra.cron = problem.msg;
      else if (sub === "timezone") extra.timezone = problem.msg;
      else extra.schedule = [extra.schedule, problem.msg].filter(Boolean).join("; ");
    } else if (where === "body" && field === "ignore_selectors") {
      const named = typeof sub === "string" ? urls.find((url) => url === sub || siteKey(url) === siteKey(sub)) : undefined;
      if (named) extra.selectors[siteKey(named)] = problem.msg;
      else extra.general = [extra.general, problem.msg].filter(Boolean).join("; ");
    } else {
      form.push(problem);
    }
  }
  return { form, extra };
}
