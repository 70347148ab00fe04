import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ApiError } from "../api/client";
import type { RunChanges, RunSummary, SetRead } from "../api/types";
import { usePageTitle } from "../hooks/title";
import { AlertsPanel } from "../components/AlertsPanel";
import { ScorePill, StatusBadge } from "../components/Badges";
import { BatchProgressTracker } from "../components/BatchProgressTracker";
import { ChangesView, Overtakes } from "../components/ChangesView";
import { EmptyState, ErrorState, Loading, Section } from "../components/States";
import { SetUnavailable } from "../components/SetUnavailable";
import { TrendChart } from "../components/TrendChart";
import { useBatch } from "../hooks/queries";
import {
  useChanges,
  useDeleteSet,
  useRefreshAfterRun,
  useRunSet,
  useSet,
  useSetRuns,
  useTrends,
  type RunPair,
} from "../hooks/sets";
import { useBatchSocket } from "../hooks/useBatchSocket";
import { formatDate, hostOf, relativeTime } from "../lib/format";
import { isFinished } from "../lib/progress";
import { formatRunTime, isFinishedRun, orderedSites, runName, triggerLabel } from "../lib/sets";
import { crawlSummary } from "../lib/crawl";
import { ScheduleText } from "./SetsPage";

function SetActions({ set }: { set: SetRead }) {
  const navigate = useNavigate();
  const run = useRunSet(set.id);
  const remove = useDeleteSet();
  const [confirming, setConfirming] = useState(false);
  const error = run.error ?? remove.error;
  return (
    <div className="actions">
      <button type="button" className="button button--primary" data-testid="run-now" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? "Starting…" : "Run now"}
      </button>
      <Link to={`/sets/${set.id}/edit`} className="button button--ghost">
        Edit
      </Link>
      {confirming ? (
        <>
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(set.id, { onSuccess: () => navigate("/sets") })}
          >
            {remove.isPending ? "Deleting…" : "Delete the set"}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className="button button--ghost button--danger-text" onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      {confirming && <p className="muted small actions__note">Its rules and alerts go; its runs stay as plain comparisons.</p>}
      {error && <p className="field-error">{error.message}</p>}
    </div>
  );
}

/** The run in progress, followed over the batch socket like on its own page. */
function LiveRun({ run, onFinished }: { run: RunSummary; onFinished: () => void }) {
  const batch = useBatch(run.batch_id);
  const data = batch.data;
  const finished = data ? isFinished(data.status) : false;
  const connection = useBatchSocket(run.batch_id, !!data && !finished);
  const told = useRef(false);
  useEffect(() => {
    if (!finished || told.current) return;
    told.current = true;
    onFinished();
  }, [finished, onFinished]);
  if (!data) return null;
  return <BatchProgressTracker batch={data} connection={connection} />;
}

function pendingCount(run: RunSummary, first: boolean): string {
  if (!isFinishedRun(run)) return "";
  if (first) return "First run";
  const recent = !!run.finished_at && Date.now() - new Date(run.finished_at).getTime() < 5 * 60_000;
  return recent ? "…" : "—";
}

function RunRow({ run, primaryUrl, first }: { run: RunSummary; primaryUrl: string | null; first: boolean }) {
  const own = primaryUrl ? run.scores?.[primaryUrl] : undefined;
  const running = !isFinished(run.status);
  return (
    <li className="run-row" data-testid="run-row" data-status={run.status}>
      <div className="run-row__status">
        <StatusBadge status={run.status} />
        {running && (
          <span className="mini-progress" aria-label={`${run.progress}%`}>
            <span style={{ width: `${run.progress}%` }} />
          </span>
        )}
      </div>
      <span className="run-row__when" title={formatDate(run.created_at)}>
        <strong className="run-row__name">{runName(run)}</strong> · {relativeTime(run.created_at)}
        <span className="muted small"> · {triggerLabel(run.trigger)}</span>
      </span>
      <span className="run-row__score">{own !== undefined && <>You <ScorePill score={own} /></>}</span>
      <span className="run-row__changes">
        {run.change_count === null || run.change_count === undefined ? (
          <span className="muted small">{pendingCount(run, first)}</span>
        ) : (
          <span className={`change-count${run.change_count > 0 ? " change-count--some" : ""}`}>
            {run.change_count} change{run.change_count === 1 ? "" : "s"}
          </span>
        )}
      </span>
      <Link to={`/batches/${run.batch_id}`} className="run-row__link">
        {running ? "Follow" : "Results"}
      </Link>
    </li>
  );
}

function Runs({ set, runs, onFinished }: { set: SetRead; runs: RunSummary[]; onFinished: () => void }) {
  const [all, setAll] = useState(false);
  const live = runs.find((run) => !isFinished(run.status));
  if (!runs.length) {
    return <p className="muted">No runs yet. Press Run now to analyse every site of the set; run it again later to see what changed.</p>;
  }
  const shown = all ? runs : runs.slice(0, 8);
  const oldestFinished = runs.filter(isFinishedRun).at(-1)?.batch_id;
  return (
    <div className="stack">
      {live && <LiveRun key={live.batch_id} run={live} onFinished={onFinished} />}
      <ul className="run-list" aria-label="Runs">
        {shown.map((run) => (
          <RunRow key={run.batch_id} run={run} primaryUrl={set.primary_url} first={run.batch_id === oldestFinished} />
        ))}
      </ul>
      {runs.length > shown.length && (
        <button type="button" className="button button--ghost button--small" onClick={() => setAll(true)}>
          Show all {runs.length} runs
        </button>
      )}
    </div>
  );
}

function runLabel(run: RunSummary): string {
  return `${runName(run)} · ${triggerLabel(run.trigger)}`;
}

/** Two finished runs to compare; the earlier is offered only among runs older than the later. */
function RunPicker({ finished, pair, onChange, changes }: { finished: RunSummary[]; pair: RunPair; onChange: (pair: RunPair) => void; changes: RunChanges | undefined }) {
  const id = useId();
  const to = pair.to ?? changes?.after.batch_id ?? finished[0]?.batch_id ?? "";
  const toIndex = Math.max(0, finished.findIndex((run) => run.batch_id === to));
  const older = finished.slice(toIndex + 1);
  const from = pair.from ?? changes?.before.batch_id ?? older[0]?.batch_id ?? "";
  return (
    <div className="run-picker" data-testid="run-picker">
      <label htmlFor={`${id}-to`}>Run</label>
      <select
        id={`${id}-to`}
        value={to}
        onChange={(e) => {
          const index = finished.findIndex((run) => run.batch_id === e.target.value);
          const earlier = finished.slice(index + 1);
          const keep = earlier.some((run) => run.batch_id === from);
          onChange({ to: e.target.value, from: keep ? from : (earlier[0]?.batch_id ?? null) });
        }}
      >
        {finished.slice(0, -1).map((run) => (
          <option key={run.batch_id} value={run.batch_id}>
            {runLabel(run)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>compared with</label>
      <select id={`${id}-from`} value={from} onChange={(e) => onChange({ to, from: e.target.value })}>
        {older.map((run) => (
          <option key={run.batch_id} value={run.batch_id}>
            {runLabel(run)}
          </option>
        ))}
      </select>
      {(pair.from || pair.to) && (
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ from: null, to: null })}>
          Latest two
        </button>
      )}
    </div>
  );
}

/**
 * The changes of one run against the one before it, or of two chosen runs. `run` (the
 * `?run=` of an alert's link) opens that run's changes when it is a finished run of the set
 * with one before it; otherwise the page says so and shows the latest two.
 */
function Changes({ set, finished, run }: { set: SetRead; finished: RunSummary[]; run: string | null }) {
  const linked = run ? finished.findIndex((item) => item.batch_id === run) : -1;
  const usable = linked >= 0 && linked < finished.length - 1;
  const [pair, setPair] = useState<RunPair>({ from: null, to: usable ? run : null });
  const latest = finished[0]?.batch_id ?? null;
  const enough = finished.length >= 2;
  const changes = useChanges(set.id, pair, latest, enough);

  if (!enough) {
    return (
      <EmptyState title={finished.length ? "One finished run so far" : "No finished run yet"}>
        Changes appear once the set has two finished runs: each run is compared with the one before it.
      </EmptyState>
    );
  }
  const notice =
    run && !usable ? (
      <p className="muted small" role="status" data-testid="linked-run">
        {linked >= 0
          ? "The linked run is the set's first: it has no run before it to compare with. Showing the latest two runs."
          : "The linked run is not a finished run of this set (it may still be running, or be gone). Showing the latest two runs."}
      </p>
    ) : null;
  const picker = (
    <>
      {notice}
      <RunPicker finished={finished} pair={pair} onChange={setPair} changes={changes.data} />
    </>
  );
  if (changes.isPending) return <>{picker}<Loading label="Comparing the runs…" /></>;
  if (changes.isError && !changes.data) {
    const conflict = changes.error instanceof ApiError && changes.error.status === 409;
    return (
      <>
        {picker}
        {conflict ? (
          <EmptyState title="These runs cannot be compared yet">{changes.error.message}</EmptyState>
        ) : (
          <ErrorState error={changes.error} title="Could not load the changes" onRetry={() => void changes.refetch()} />
        )}
      </>
    );
  }
  const data = changes.data;
  return (
    <div className="stack" aria-busy={changes.isFetching || undefined}>
      {picker}
      <p className="muted small" data-testid="changes-range">
        {nameOf(finished, data.after.batch_id)} ({formatRunTime(data.after.finished_at ?? data.after.created_at)}) against{" "}
        {nameOf(finished, data.before.batch_id)} ({formatRunTime(data.before.finished_at ?? data.before.created_at)})
      </p>
      <div className="overtakes-box">
        <h3>Overtakes</h3>
        <Overtakes
          overtakes={data.overtakes ?? []}
          primaryUrl={data.primary_url}
          names={Object.fromEntries((data.sites ?? []).flatMap((site) => (site.name ? [[site.url, site.name]] : [])))}
        />
      </div>
      <ChangesView changes={data} setId={set.id} />
    </div>
  );
}

function nameOf(runs: RunSummary[], batchId: string): string {
  const found = runs.find((run) => run.batch_id === batchId);
  return found ? `Run ${found.number}` : "The run";
}

function Trends({ set, latest }: { set: SetRead; latest: string | null }) {
  const trends = useTrends(set.id, latest);
  if (trends.isPending) return <Loading label="Loading the trends…" />;
  if (trends.isError && !trends.data) return <ErrorState error={trends.error} title="Could not load the trends" onRetry={() => void trends.refetch()} />;
  return <TrendChart trends={trends.data} />;
}

function SetBody({ set }: { set: SetRead }) {
  const [search] = useSearchParams();
  const { hash } = useLocation();
  const linkedRun = search.get("run");
  const runs = useSetRuns(set.id);
  const refresh = useRefreshAfterRun(set.id);
  const items = useMemo(() => runs.data?.items ?? [], [runs.data]);
  const finished = useMemo(() => items.filter(isFinishedRun), [items]);
  const latest = finished[0]?.batch_id ?? null;
  const trends = useTrends(set.id, latest);
  const loaded = !runs.isPending;
  // An alert's link ends in #changes: go there once the runs (and so the section) are in.
  useEffect(() => {
    if (!loaded || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView?.({ block: "start" });
  }, [loaded, hash]);
  return (
    <>
      <Section title="Runs" id="runs" subtitle="Each run analyses every site again under the same conditions.">
        {runs.isPending ? (
          <Loading label="Loading the runs…" />
        ) : runs.isError && !runs.data ? (
          <ErrorState error={runs.error} title="Could not load the runs" onRetry={() => void runs.refetch()} />
        ) : (
          <Runs set={set} runs={items} onFinished={refresh} />
        )}
      </Section>

      <Section title="What changed" id="changes" subtitle="Scores, ranks, technology, content, pricing and looks, site by site. Green is better for that site, red worse.">
        {runs.isPending ? <Loading /> : <Changes key={linkedRun ?? ""} set={set} finished={finished} run={linkedRun} />}
      </Section>

      <Section title="Trends" id="trends" subtitle="Every finished run of the set, oldest first.">
        <Trends set={set} latest={latest} />
      </Section>

      <Section title="Alerts" id="alerts" subtitle="Rules are checked after every run; alerts go to the webhook you give, signed with your secret.">
        <AlertsPanel setId={set.id} categories={trends.data?.categories ?? []} />
      </Section>
    </>
  );
}

export function SetPage() {
  const { setId = "" } = useParams();
  const set = useSet(setId);
  usePageTitle(set.data?.name ?? "Comparison set");
  if (set.isPending) return <Loading label="Loading the set…" />;
  if (!set.data) return <SetUnavailable error={set.error} onRetry={() => void set.refetch()} />;
  const data = set.data;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/sets">Sets</Link> /
          </p>
          <h1>{data.name}</h1>
          <p className="muted">
            {data.urls.length} sites{data.mode ? ` · ${data.mode} mode` : ""} · <span data-testid="set-crawl">{crawlSummary(data.crawl)}</span> ·{" "}
            <ScheduleText set={data} />
          </p>
        </div>
        <SetActions set={data} />
      </div>
      <ul className="chips set-sites" aria-label="Sites">
        {orderedSites(data).map((site) => (
          <li key={site.url} className={`chip${site.isPrimary ? " chip--cta" : ""}`} title={site.url}>
            {site.isPrimary && "You · "}
            {data.labels?.[site.url] ?? hostOf(site.url)}
            {(data.ignore_selectors[site.url]?.length ?? 0) > 0 && <span className="muted"> · ignores {data.ignore_selectors[site.url]!.length}</span>}
          </li>
        ))}
      </ul>
      <SetBody set={data} />
    </div>
  );
}
