import { useEffect, useId, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import type { BatchCreate, SetCreate, SetRead } from "../api/types";
import { crawlFormOf, crawlSpecOf } from "../lib/crawl";
import { hostOf } from "../lib/format";
import {
  MAX_EVERY_HOURS,
  SCHEDULE_PRESETS,
  WEEKDAY_NAMES,
  hasExtraProblems,
  presetCron,
  presetOf,
  scheduleBody,
  scheduleValues,
  selectorsBody,
  siteKey,
  splitSetProblems,
  validateSetExtras,
  type PresetChoice,
  type ScheduleKind,
  type SchedulePreset,
  type ScheduleValues,
  type SetExtraProblems,
} from "../lib/sets";
import { MultiUrlInputForm } from "./MultiUrlInputForm";

const SCHEDULE_KINDS: { kind: ScheduleKind; title: string; hint: string }[] = [
  { kind: "none", title: "Manual", hint: "Only when you press Run now" },
  { kind: "interval", title: "Every N hours", hint: "From the first run on" },
  { kind: "cron", title: "Days and times", hint: "Every weekday at 07:00, or cron" },
];

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? ["UTC", ...intl.supportedValuesOf("timeZone")] : ["UTC"];
  } catch {
    return ["UTC"];
  }
}

function initialSelectors(set?: SetRead): Record<string, string> {
  return Object.fromEntries(Object.entries(set?.ignore_selectors ?? {}).map(([url, list]) => [siteKey(url), list.join("\n")]));
}

function FieldProblem({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {children}
    </p>
  );
}

/** Repeat / day / time: each choice writes the cron expression below it, which stays the truth. */
function PresetFields({ cron, onCron }: { cron: string; onCron: (cron: string) => void }) {
  const id = useId();
  const shown = presetOf(cron);
  // "Custom" is a choice of its own: a preset-shaped expression typed under it stays custom.
  const [custom, setCustom] = useState(shown.preset === "custom");
  const choice: PresetChoice = custom ? { ...shown, preset: "custom" } : shown;
  const pick = (next: PresetChoice) => {
    setCustom(next.preset === "custom");
    const made = presetCron(next);
    if (made) onCron(made);
  };
  return (
    <div className="set-form__inline set-form__presets" data-testid="schedule-preset">
      <label htmlFor={`${id}-repeat`}>Repeat</label>
      <select id={`${id}-repeat`} value={choice.preset} onChange={(e) => pick({ ...choice, preset: e.target.value as SchedulePreset })}>
        {SCHEDULE_PRESETS.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.label}
          </option>
        ))}
      </select>
      {choice.preset === "weekly" && (
        <>
          <label htmlFor={`${id}-day`}>on</label>
          <select id={`${id}-day`} value={choice.weekday} onChange={(e) => pick({ ...choice, weekday: Number(e.target.value) })}>
            {WEEKDAY_NAMES.map((name, index) => (
              <option key={name} value={index}>
                {name}
              </option>
            ))}
          </select>
        </>
      )}
      {(choice.preset === "weekdays" || choice.preset === "daily" || choice.preset === "weekly") && (
        <>
          <label htmlFor={`${id}-time`}>at</label>
          <input id={`${id}-time`} type="time" required value={choice.time} onChange={(e) => pick({ ...choice, time: e.target.value })} />
        </>
      )}
    </div>
  );
}

function ScheduleFields({
  value,
  problems,
  onChange,
}: {
  value: ScheduleValues;
  problems: SetExtraProblems;
  onChange: (next: ScheduleValues) => void;
}) {
  const id = useId();
  // Some 400 options: built once, so typing elsewhere does not rebuild them.
  const zoneList = useMemo(
    () => (
      <datalist id={`${id}-zones`}>
        {timeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    ),
    [id],
  );
  return (
    <fieldset className="field set-form__schedule" data-testid="schedule">
      <legend>Schedule</legend>
      <div className="segmented segmented--three" role="radiogroup" aria-label="Schedule">
        {SCHEDULE_KINDS.map((option) => (
          <label key={option.kind} className={`segmented__option${value.kind === option.kind ? " is-active" : ""}`}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={option.kind}
              checked={value.kind === option.kind}
              onChange={() => onChange({ ...value, kind: option.kind })}
            />
            <span className="segmented__title">{option.title}</span>
            <span className="segmented__hint">{option.hint}</span>
          </label>
        ))}
      </div>
      {value.kind === "interval" && (
        <div className="set-form__inline">
          <label htmlFor={`${id}-hours`}>Every</label>
          <input
            id={`${id}-hours`}
            type="number"
            min={0.25}
            max={MAX_EVERY_HOURS}
            step="any"
            inputMode="decimal"
            value={value.everyHours}
            aria-invalid={problems.everyHours ? true : undefined}
            aria-describedby={problems.everyHours ? `${id}-hours-error` : undefined}
            onChange={(e) => onChange({ ...value, everyHours: e.target.value })}
          />
          <span>hours</span>
        </div>
      )}
      {value.kind === "interval" && <FieldProblem id={`${id}-hours-error`}>{problems.everyHours}</FieldProblem>}
      {value.kind === "cron" && <PresetFields cron={value.cron} onCron={(cron) => onChange({ ...value, cron })} />}
      {value.kind === "cron" && (
        <div className="set-form__cron">
          <div className="field">
            <label htmlFor={`${id}-cron`}>Cron expression</label>
            <input
              id={`${id}-cron`}
              type="text"
              spellCheck={false}
              placeholder="0 9 * * 1"
              value={value.cron}
              aria-invalid={problems.cron ? true : undefined}
              onChange={(e) => onChange({ ...value, cron: e.target.value })}
            />
            <FieldProblem>{problems.cron}</FieldProblem>
            <p className="muted small">e.g. <code>0 9 * * 1</code> Mondays at 9:00, <code>30 6 * * *</code> daily at 6:30</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-zone`}>Time zone</label>
            <input
              id={`${id}-zone`}
              type="text"
              list={`${id}-zones`}
              spellCheck={false}
              value={value.timezone}
              aria-invalid={problems.timezone ? true : undefined}
              onChange={(e) => onChange({ ...value, timezone: e.target.value })}
            />
            {zoneList}
            <FieldProblem>{problems.timezone}</FieldProblem>
          </div>
        </div>
      )}
      {value.kind !== "none" && (
        <label className="checkbox">
          <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} />
          Active <span className="muted small">(untick to pause the schedule and keep it)</span>
        </label>
      )}
      <FieldProblem>{problems.schedule}</FieldProblem>
    </fieldset>
  );
}

function SelectorFields({
  urls,
  selectors,
  problems,
  onChange,
}: {
  urls: string[];
  selectors: Record<string, string>;
  problems: SetExtraProblems;
  onChange: (key: string, text: string) => void;
}) {
  const id = useId();
  const anyProblem = Object.keys(problems.selectors).length > 0 || !!problems.general;
  const [open, setOpen] = useState(() => Object.values(selectors).some((text) => text.trim() !== ""));
  useEffect(() => {
    if (anyProblem) setOpen(true);
  }, [anyProblem]);
  return (
    <details className="set-form__selectors" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Ignore parts of pages <span className="muted small">(rotating banners, counters, dates: CSS selectors, one per line)</span>
      </summary>
      {urls.length === 0 ? (
        <p className="muted small">Enter the sites first.</p>
      ) : (
        <ul className="selector-list">
          {urls.map((url, index) => {
            const key = siteKey(url);
            const inputId = `${id}-${index}`;
            return (
              <li key={key}>
                <label htmlFor={inputId} className="selector-list__site">
                  {index === 0 && <span className="tag tag--primary">You</span>}
                  <span title={url}>{hostOf(key)}</span>
                </label>
                <textarea
                  id={inputId}
                  data-testid="ignore-selectors"
                  rows={2}
                  spellCheck={false}
                  placeholder={".promo-banner\n#visitor-count"}
                  value={selectors[key] ?? ""}
                  aria-invalid={problems.selectors[key] ? true : undefined}
                  onChange={(e) => onChange(key, e.target.value)}
                />
                <FieldProblem>{problems.selectors[key]}</FieldProblem>
              </li>
            );
          })}
        </ul>
      )}
      <FieldProblem>{problems.general}</FieldProblem>
    </details>
  );
}

function merge(local: SetExtraProblems, server: SetExtraProblems): SetExtraProblems {
  return {
    everyHours: server.everyHours ?? local.everyHours,
    cron: server.cron ?? local.cron,
    timezone: server.timezone ?? local.timezone,
    schedule: server.schedule ?? local.schedule,
    general: server.general ?? local.general,
    selectors: { ...local.selectors, ...server.selectors },
  };
}

export interface SetFormProps {
  /** The set being edited; absent for a new one. */
  initial?: SetRead;
  modes: string[];
  defaultMode?: string | null;
  submitLabel: string;
  onSubmit: (body: SetCreate) => Promise<unknown>;
}

/**
 * A comparison set: the URL form of a comparison (same rules, same inline messages, the same
 * crawl options, sent as the set's `crawl`) plus a schedule and per-site ignore selectors. The server stays the judge: its 422 details land
 * beside the field they name, a duplicate name (409) beside the name.
 */
export function SetForm({ initial, modes, defaultMode, submitLabel, onSubmit }: SetFormProps) {
  const [schedule, setSchedule] = useState<ScheduleValues>(() => scheduleValues(initial));
  const [selectors, setSelectors] = useState<Record<string, string>>(() => initialSelectors(initial));
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<SetExtraProblems>({ selectors: {} });

  const submit = async (body: BatchCreate) => {
    const problems = validateSetExtras({ schedule, selectors }, body.urls.map(siteKey));
    if (hasExtraProblems(problems)) return;
    // One page per site is the API's null: an edit sends it to drop the set's crawl.
    const crawl = crawlSpecOf(body);
    try {
      await onSubmit({
        name: (body.name ?? "").trim(),
        urls: body.urls,
        primary_url: body.primary_url ?? null,
        ...(body.mode ? { mode: body.mode } : {}),
        ignore_selectors: selectorsBody(selectors, body.urls),
        // Every label the form shows: none left means none (an edit removes them).
        labels: body.labels ?? {},
        schedule: scheduleBody(schedule),
        ...(initial || crawl ? { crawl } : {}),
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 409) throw new ApiError(409, error.message, [{ loc: ["body", "name"], msg: error.message }]);
      if (!error.problems.length) throw error;
      const { form, extra } = splitSetProblems(error.problems, body.urls);
      setServer(extra);
      if (form.length) throw new ApiError(error.status, form.map((p) => p.msg).join("; "), form);
    }
  };

  return (
    <div className="set-form" onSubmitCapture={() => setAttempted(true)}>
      <MultiUrlInputForm
        modes={modes}
        defaultMode={initial ? (initial.mode ?? null) : defaultMode}
        initialUrls={initial ? [...initial.urls].sort((a, b) => Number(b === initial.primary_url) - Number(a === initial.primary_url)) : undefined}
        initialName={initial?.name ?? ""}
        nameRequired
        withLabels
        initialLabels={initial?.labels}
        withCrawl
        initialCrawl={crawlFormOf(initial?.crawl)}
        submitLabel={submitLabel}
        submittingLabel="Saving…"
        onSubmit={submit}
        extra={(urls) => {
          const local = attempted ? validateSetExtras({ schedule, selectors }, urls.map(siteKey)) : { selectors: {} };
          const problems = merge(local, server);
          return (
            <div className="set-form__extras">
              <ScheduleFields
                value={schedule}
                problems={problems}
                onChange={(next) => {
                  setSchedule(next);
                  setServer((current) => ({ selectors: current.selectors, general: current.general }));
                }}
              />
              <SelectorFields
                urls={urls}
                selectors={selectors}
                problems={problems}
                onChange={(key, text) => {
                  setSelectors((current) => ({ ...current, [key]: text }));
                  setServer((current) => {
                    const { [key]: _dropped, ...rest } = current.selectors;
                    return { ...current, selectors: rest, general: undefined };
                  });
                }}
              />
            </div>
          );
        }}
      />
    </div>
  );
}
