import { useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type FormEvent, type ReactNode } from "react";
import { ApiError } from "../api/client";
import type { BatchCreate } from "../api/types";
import {
  crawlRequest,
  DEFAULT_CRAWL_DEPTH,
  EMPTY_CRAWL,
  hasAdvancedCrawl,
  MAX_CRAWL_PAGES,
  validateCrawl,
  type CrawlField,
  type CrawlForm,
  type CrawlProblems,
  type CrawlRequest,
} from "../lib/crawl";
import {
  DEFAULT_MAX_URLS,
  hasProblems,
  splitPastedUrls,
  submittedRows,
  validateForm,
  type FormProblems,
  type UrlRow,
} from "../lib/urls";

const MODE_TEXT: Record<string, { title: string; hint: string }> = {
  static: { title: "Static", hint: "Fast: HTML, headers and resources" },
  browser: { title: "Browser", hint: "Renders in Chromium: paint metrics, screenshots" },
};

let nextKey = 0;
function row(value = ""): UrlRow {
  nextKey += 1;
  return { key: `row-${nextKey}`, value };
}

const CRAWL_FIELDS: readonly string[] = ["pages", "depth", "include", "exclude", "subdomains"];

export interface MultiUrlInputFormProps {
  onSubmit: (body: BatchCreate & CrawlRequest) => Promise<unknown>;
  modes?: string[];
  maxUrls?: number;
  initialUrls?: string[];
  initialName?: string;
  /** The server's default mode; null or absent: the server chooses (no mode is sent). */
  defaultMode?: string | null;
  /** The submit button's words (a comparison set is saved, not run). */
  submitLabel?: string;
  submittingLabel?: string;
  /** A comparison set is found by its name: it must be given. */
  nameRequired?: boolean;
  /** More fields, shown after name and mode; given the URLs typed so far. */
  extra?: (urls: string[]) => ReactNode;
  /** Offer an optional name per URL (sent as the batch's `labels`). */
  withLabels?: boolean;
  /** The names already given to `initialUrls` (editing a set), by URL. */
  initialLabels?: Record<string, string>;
  /** Offer "Pages per site" and the crawl's options (sent as the batch's crawl fields). */
  withCrawl?: boolean;
  /** The crawl fields as they start (editing a set); one page per site when absent. */
  initialCrawl?: CrawlForm;
}

/**
 * The crawl field a 422 detail names, if it names one: `["body", "pages"]` (a batch's own
 * fields) or `["body", "crawl", "pages"]` (a set's `crawl`); a detail on a set's whole
 * `crawl` belongs to pages per site, the field that makes it.
 */
function crawlFieldOf(loc: (string | number)[]): CrawlField | null {
  const [where, field, sub] = loc;
  if (where !== "body") return null;
  const named = field === "crawl" ? (sub ?? "pages") : field;
  if (typeof named !== "string" || named === "subdomains" || !CRAWL_FIELDS.includes(named)) return null;
  return named as CrawlField;
}

/** The API's 422 details about the crawl fields, by field. */
export function crawlProblemsFromApi(error: ApiError): CrawlProblems {
  const problems: CrawlProblems = {};
  for (const problem of error.problems) {
    const field = crawlFieldOf(problem.loc);
    if (field) problems[field] ??= problem.msg;
  }
  return problems;
}

/** The names given to the sent rows, keyed by the URL as sent; null when none is given. */
export function labelsOf(sent: UrlRow[]): Record<string, string> | null {
  const named = sent.filter((r) => r.value.trim() && r.label?.trim());
  return named.length ? Object.fromEntries(named.map((r) => [r.value.trim(), r.label!.trim()])) : null;
}

/** Maps the API's 422 details onto the form's fields; `sent` is the rows in the order sent. */
export function problemsFromApi(error: ApiError, sent: UrlRow[]): FormProblems {
  const problems: FormProblems = { rows: {} };
  const general: string[] = [];
  for (const problem of error.problems) {
    const [where, field, index] = problem.loc;
    if (where !== "body") {
      general.push(problem.msg);
    } else if (field === "urls" && typeof index === "number" && sent[index]) {
      problems.rows[sent[index].key] ??= problem.msg;
    } else if (field === "urls") {
      problems.urls = problem.msg;
    } else if (field === "primary_url" && sent[0]) {
      problems.rows[sent[0].key] ??= problem.msg;
    } else if (field === "labels" && typeof index === "string") {
      const labelled = sent.find((r) => r.value.trim() === index);
      if (labelled) problems.rows[labelled.key] ??= `Name: ${problem.msg}`;
      else general.push(problem.msg);
    } else if (field === "name") {
      problems.name = problem.msg;
    } else if (field === "mode") {
      problems.mode = problem.msg;
    } else if (crawlFieldOf(problem.loc)) {
      // Shown beside the crawl's own field (crawlProblemsFromApi).
    } else {
      general.push(problem.msg);
    }
  }
  if (general.length) problems.urls = [problems.urls, ...general].filter(Boolean).join("; ");
  if (!error.problems.length) problems.urls = error.message;
  return problems;
}

export function MultiUrlInputForm({
  onSubmit,
  modes = ["static"],
  maxUrls = DEFAULT_MAX_URLS,
  initialUrls,
  initialName = "",
  defaultMode,
  submitLabel = "Run comparison",
  submittingLabel = "Starting…",
  nameRequired = false,
  extra,
  withLabels = false,
  initialLabels,
  withCrawl = false,
  initialCrawl,
}: MultiUrlInputFormProps) {
  const formId = useId();
  const [rows, setRows] = useState<UrlRow[]>(() => {
    const start = (initialUrls?.length ? initialUrls : ["", "", ""]).map((u) => {
      const made = row(u);
      const label = initialLabels?.[u];
      return label ? { ...made, label } : made;
    });
    while (start.length < 2) start.push(row());
    return start;
  });
  const [name, setName] = useState(initialName);
  const [mode, setMode] = useState<string | null>(defaultMode ?? null);
  const [modeChosen, setModeChosen] = useState(false);
  useEffect(() => {
    // The server's default arrives with its schema; it applies until the user picks a mode.
    if (!modeChosen) setMode(defaultMode ?? null);
  }, [defaultMode, modeChosen]);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  // Whether a pointer is pressed: a field left by pressing a button shows its problem only
  // once the press is over, so that the message, pushing the layout down, does not move the
  // button from under the pointer and swallow the click.
  const pressing = useRef(false);
  useEffect(() => {
    const down = () => {
      pressing.current = true;
    };
    const up = () => {
      pressing.current = false;
    };
    window.addEventListener("pointerdown", down, true);
    window.addEventListener("pointerup", up, true);
    window.addEventListener("pointercancel", up, true);
    return () => {
      window.removeEventListener("pointerdown", down, true);
      window.removeEventListener("pointerup", up, true);
      window.removeEventListener("pointercancel", up, true);
    };
  }, []);
  const touch = (key: string, value: boolean) => {
    const mark = () => setTouched((t) => ({ ...t, [key]: value }));
    if (!pressing.current) return mark();
    // The click comes in the same task as the pointer's release: mark after it.
    const release = () => window.setTimeout(mark, 0);
    window.addEventListener("pointerup", release, { once: true });
    window.addEventListener("pointercancel", release, { once: true });
  };
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<FormProblems>({ rows: {} });
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const inputs = useRef<Record<string, HTMLInputElement | null>>({});
  const [crawl, setCrawl] = useState<CrawlForm>(initialCrawl ?? EMPTY_CRAWL);
  const [crawlServer, setCrawlServer] = useState<CrawlProblems>({});
  const [advanced, setAdvanced] = useState(() => hasAdvancedCrawl(initialCrawl ?? EMPTY_CRAWL));
  const crawlLocal = useMemo(() => (withCrawl ? validateCrawl(crawl) : {}), [withCrawl, crawl]);
  const crawlProblem = (field: CrawlField): string | undefined =>
    crawlServer[field] ?? (attempted || touched[`crawl-${field}`] ? crawlLocal[field] : undefined);
  const editCrawl = (field: keyof CrawlForm, value: string | boolean) => {
    setCrawl((current) => ({ ...current, [field]: value }));
    setCrawlServer((current) => ({ ...current, [field]: undefined }));
  };

  const local = useMemo(() => {
    const problems = validateForm(rows, name, maxUrls);
    if (nameRequired && !name.trim()) problems.name ??= "give it a name";
    return problems;
  }, [rows, name, maxUrls, nameRequired]);

  const rowProblem = (key: string): string | undefined => {
    const shown = attempted || touched[key];
    return server.rows[key] ?? (shown ? local.rows[key] : undefined);
  };
  const listProblem = server.urls ?? (attempted ? local.urls : undefined);
  const nameProblem = server.name ?? (attempted || touched.name ? local.name : undefined);

  const update = (key: string, value: string) => {
    setRows((current) => current.map((r) => (r.key === key ? { ...r, value } : r)));
    setServer((current) => {
      const { [key]: _dropped, ...rest } = current.rows;
      return { ...current, rows: rest, urls: undefined };
    });
  };

  const updateLabel = (key: string, label: string) => {
    setRows((current) => current.map((r) => (r.key === key ? { ...r, label } : r)));
    setServer((current) => {
      const { [key]: _dropped, ...rest } = current.rows;
      return { ...current, rows: rest };
    });
  };

  const addRow = (focus = true) => {
    if (rows.length >= maxUrls) return;
    const added = row();
    setRows((current) => [...current, added]);
    if (focus) setTimeout(() => inputs.current[added.key]?.focus(), 0);
  };

  const removeRow = (key: string) => {
    setRows((current) => (current.length <= 2 ? current : current.filter((r) => r.key !== key)));
    setServer((current) => ({ ...current, urls: undefined }));
  };

  const onPaste = (key: string, event: ClipboardEvent<HTMLInputElement>) => {
    const urls = splitPastedUrls(event.clipboardData.getData("text"));
    if (urls.length < 2) return;
    event.preventDefault();
    const at = rows.findIndex((r) => r.key === key);
    const before = rows.slice(0, at);
    const after = rows.slice(at + 1).filter((r) => r.value.trim() !== "");
    const room = Math.max(1, maxUrls - before.length - after.length);
    const taken = urls.slice(0, room);
    const dropped = urls.length - taken.length;
    const pasted = taken.map((value, index) => (index === 0 ? { ...rows[at]!, value } : row(value)));
    setRows([...before, ...pasted, ...after]);
    setServer({ rows: {} });
    setNotice(
      dropped > 0
        ? `Added ${taken.length} URLs; ${dropped} more did not fit (at most ${maxUrls} sites).`
        : `Added ${taken.length} URLs from the clipboard.`,
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setNotice(null);
    if (hasProblems(local)) {
      const first = rows.find((r) => local.rows[r.key]);
      if (first) inputs.current[first.key]?.focus();
      return;
    }
    if (Object.keys(crawlLocal).length) {
      if (crawlLocal.depth || crawlLocal.include || crawlLocal.exclude) setAdvanced(true);
      return;
    }
    const sent = submittedRows(rows);
    const urls = sent.map((r) => r.value.trim());
    const labels = withLabels ? labelsOf(sent) : null;
    setSubmitting(true);
    try {
      await onSubmit({
        name: name.trim() || null,
        urls,
        primary_url: urls[0] ?? null,
        ...(mode ? { mode: mode as BatchCreate["mode"] } : {}),
        ...(labels ? { labels } : {}),
        ...(withCrawl ? crawlRequest(crawl) : {}),
      });
      setServer({ rows: {} });
      setCrawlServer({});
    } catch (error) {
      if (error instanceof ApiError) {
        setServer(problemsFromApi(error, sent));
        const fromApi = crawlProblemsFromApi(error);
        setCrawlServer(fromApi);
        if (fromApi.depth || fromApi.include || fromApi.exclude) setAdvanced(true);
      } else {
        setServer({ rows: {}, urls: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className="url-form" onSubmit={submit} noValidate aria-describedby={`${formId}-help`}>
      <p id={`${formId}-help`} className="muted">
        Your own site first, then up to {maxUrls - 1} competitors. Paste a list into any field to
        add several at once.
      </p>
      <ol className="url-rows">
        {rows.map((r, index) => {
          const problem = rowProblem(r.key);
          const inputId = `${formId}-${r.key}`;
          const primary = index === 0;
          return (
            <li key={r.key} className={`url-row${primary ? " url-row--primary" : ""}${problem ? " url-row--invalid" : ""}`}>
              <label htmlFor={inputId} className="url-row__label">
                {primary ? (
                  <>
                    <span className="tag tag--primary">You</span> Your site
                  </>
                ) : (
                  <>
                    <span className="tag">{index}</span> Competitor {index}
                  </>
                )}
              </label>
              <div className="url-row__field">
                <input
                  id={inputId}
                  ref={(element) => {
                    inputs.current[r.key] = element;
                  }}
                  data-testid="url-input"
                  type="text"
                  inputMode="url"
                  autoComplete="url"
                  spellCheck={false}
                  placeholder={primary ? "yoursite.com" : "competitor.com"}
                  value={r.value}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${inputId}-error` : undefined}
                  onChange={(e) => update(r.key, e.target.value)}
                  onBlur={() => touch(r.key, r.value.trim() !== "" || primary)}
                  onPaste={(e) => onPaste(r.key, e)}
                />
                {primary || rows.length <= 2 ? (
                  <span className="icon-spacer" aria-hidden="true" />
                ) : (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove competitor ${index}`}
                    title="Remove"
                    onClick={() => removeRow(r.key)}
                  >
                    ×
                  </button>
                )}
              </div>
              {withLabels && (
                <input
                  className="url-row__name"
                  data-testid="url-label"
                  type="text"
                  maxLength={200}
                  aria-label={primary ? "Name for your site (optional)" : `Name for competitor ${index} (optional)`}
                  placeholder="Name (optional): as the comparison calls it"
                  value={r.label ?? ""}
                  onChange={(e) => updateLabel(r.key, e.target.value)}
                />
              )}
              {problem && (
                <p id={`${inputId}-error`} className="field-error" role="alert">
                  {problem}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="url-form__row-actions">
        <button
          type="button"
          className="button button--ghost"
          data-testid="add-url"
          onClick={() => addRow()}
          disabled={rows.length >= maxUrls}
        >
          + Add competitor
        </button>
        <span className="muted small">
          {submittedRows(rows).filter((r) => r.value.trim()).length} of {maxUrls} sites
        </span>
      </div>
      {notice && <p className="notice" role="status">{notice}</p>}
      {listProblem && (
        <p className="field-error field-error--block" role="alert">
          {listProblem}
        </p>
      )}

      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${formId}-name`}>Name {!nameRequired && <span className="muted">(optional)</span>}</label>
          <input
            id={`${formId}-name`}
            type="text"
            value={name}
            maxLength={240}
            placeholder="Q3 landing pages"
            aria-invalid={nameProblem ? true : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setServer((s) => ({ ...s, name: undefined }));
            }}
            onBlur={() => touch("name", true)}
          />
          {nameProblem && <p className="field-error" role="alert">{nameProblem}</p>}
        </div>
        <fieldset className="field">
          <legend>Mode</legend>
          <div className="segmented" role="radiogroup">
            {Object.keys(MODE_TEXT).map((value) => {
              const offered = modes.includes(value);
              return (
                <label key={value} className={`segmented__option${mode === value ? " is-active" : ""}${offered ? "" : " is-disabled"}`} title={offered ? undefined : "Not available on this server"}>
                  <input
                    type="radio"
                    name={`${formId}-mode`}
                    value={value}
                    checked={mode === value}
                    disabled={!offered}
                    onChange={() => {
                      setMode(value);
                      setModeChosen(true);
                    }}
                  />
                  <span className="segmented__title">{MODE_TEXT[value]!.title}</span>
                  <span className="segmented__hint">{offered ? MODE_TEXT[value]!.hint : "Not available on this server"}</span>
                </label>
              );
            })}
          </div>
          {!mode && (
            <p className="muted small">
              Not chosen: the server decides (browser where Chromium is installed, static otherwise).
            </p>
          )}
          {server.mode && <p className="field-error" role="alert">{server.mode}</p>}
        </fieldset>
      </div>

      {withCrawl && (
        <CrawlFields
          formId={formId}
          crawl={crawl}
          edit={editCrawl}
          problem={crawlProblem}
          touch={(field) => touch(`crawl-${field}`, true)}
          open={advanced}
          setOpen={setAdvanced}
        />
      )}

      {extra?.(submittedRows(rows).map((r) => r.value.trim()).filter(Boolean))}

      <div className="url-form__submit">
        <button type="submit" className="button button--primary button--large" data-testid="submit-batch" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

function CrawlFields({
  formId,
  crawl,
  edit,
  problem,
  touch,
  open,
  setOpen,
}: {
  formId: string;
  crawl: CrawlForm;
  edit: (field: keyof CrawlForm, value: string | boolean) => void;
  problem: (field: CrawlField) => string | undefined;
  touch: (field: CrawlField) => void;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const id = (field: string) => `${formId}-crawl-${field}`;
  const pagesProblem = problem("pages");
  const error = (field: CrawlField) => {
    const text = problem(field);
    return text ? (
      <p id={`${id(field)}-error`} className="field-error" role="alert">
        {text}
      </p>
    ) : null;
  };
  const described = (field: CrawlField, hint?: string) =>
    [problem(field) ? `${id(field)}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="crawl-fields">
      <div className="field">
        <label htmlFor={id("pages")}>Pages per site</label>
        <input
          id={id("pages")}
          type="text"
          inputMode="numeric"
          className="input--short"
          value={crawl.pages}
          aria-invalid={pagesProblem ? true : undefined}
          aria-describedby={described("pages", `${id("pages")}-hint`)}
          onChange={(e) => edit("pages", e.target.value)}
          onBlur={() => touch("pages")}
        />
        <p id={`${id("pages")}-hint`} className="muted small">
          1 analyses each front page only; more crawls each site from it, following its links and sitemap (up to{" "}
          {MAX_CRAWL_PAGES.toLocaleString("en")}).
        </p>
        {error("pages")}
      </div>
      <details className="crawl-fields__advanced" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Advanced crawl options</summary>
        <p className="muted small">They apply when a site is crawled (more than one page per site).</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={id("depth")}>Depth (clicks from the start page)</label>
            <input
              id={id("depth")}
              type="text"
              inputMode="numeric"
              className="input--short"
              placeholder={String(DEFAULT_CRAWL_DEPTH)}
              value={crawl.depth}
              aria-invalid={problem("depth") ? true : undefined}
              aria-describedby={described("depth")}
              onChange={(e) => edit("depth", e.target.value)}
              onBlur={() => touch("depth")}
            />
            {error("depth")}
          </div>
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" checked={crawl.subdomains} onChange={(e) => edit("subdomains", e.target.checked)} /> Follow links to
              other subdomains
            </label>
          </div>
          <div className="field">
            <label htmlFor={id("include")}>Only pages matching (one pattern a line)</label>
            <textarea
              id={id("include")}
              rows={3}
              placeholder={"/blog/*\n/products/*"}
              value={crawl.include}
              aria-invalid={problem("include") ? true : undefined}
              aria-describedby={described("include")}
              onChange={(e) => edit("include", e.target.value)}
              onBlur={() => touch("include")}
            />
            {error("include")}
          </div>
          <div className="field">
            <label htmlFor={id("exclude")}>Skip pages matching (one pattern a line)</label>
            <textarea
              id={id("exclude")}
              rows={3}
              placeholder={"/tag/*\n*?page=*"}
              value={crawl.exclude}
              aria-invalid={problem("exclude") ? true : undefined}
              aria-describedby={described("exclude")}
              onChange={(e) => edit("exclude", e.target.value)}
              onBlur={() => touch("exclude")}
            />
            {error("exclude")}
          </div>
        </div>
        <p className="muted small">Patterns match a URL's path and query: * stands for any text, ? for one character.</p>
      </details>
    </div>
  );
}
