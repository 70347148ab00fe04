import { Link } from "react-router-dom";
import type { SetRead } from "../api/types";
import { StatusBadge } from "../components/Badges";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { useSets } from "../hooks/sets";
import { usePageTitle } from "../hooks/title";
import { formatDate, hostOf, relativeTime } from "../lib/format";
import { isFinished } from "../lib/progress";
import { orderedSites, runName } from "../lib/sets";

/** "in 3 h" for a time ahead, the relative past otherwise. */
export function whenText(iso: string, now: number = Date.now()): string {
  const ahead = new Date(iso).getTime() - now;
  if (!Number.isFinite(ahead)) return iso;
  if (ahead <= 30_000) return ahead > -30_000 ? "now" : relativeTime(iso, now);
  const minutes = Math.round(ahead / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} h`;
  return `on ${formatDate(iso)}`;
}

export function ScheduleText({ set }: { set: SetRead }) {
  const { schedule } = set;
  if (!schedule) return <span className="muted">Manual</span>;
  return (
    <span className="schedule-text">
      <span>{schedule.description}</span>
      {!schedule.enabled ? (
        <span className="tag">paused</span>
      ) : (
        schedule.next_run_at && (
          <span className="muted small" title={formatDate(schedule.next_run_at)}>
            next {whenText(schedule.next_run_at)}
          </span>
        )
      )}
    </span>
  );
}

function SetRow({ set }: { set: SetRead }) {
  const sites = orderedSites(set);
  const run = set.last_run;
  const running = run ? !isFinished(run.status) : false;
  return (
    <li className="set-row" data-testid="set-row">
      <Link to={`/sets/${set.id}`} className="batch-row__main">
        <span className="batch-row__name">{set.name}</span>
        <span className="batch-row__sites">
          {sites.slice(0, 5).map((site) => (
            <span key={site.url} className={site.isPrimary ? "batch-row__own" : undefined} title={site.url}>
              {set.labels?.[site.url] ?? hostOf(site.url)}
            </span>
          ))}
          {sites.length > 5 && <span>+{sites.length - 5}</span>}
        </span>
      </Link>
      <div className="set-row__schedule">
        <ScheduleText set={set} />
      </div>
      <div className="batch-row__status">
        {run ? (
          <>
            <StatusBadge status={run.status} />
            {running ? (
              <span className="mini-progress" aria-label={`${run.progress}%`}>
                <span style={{ width: `${run.progress}%` }} />
              </span>
            ) : (
              <span className="muted small" title={formatDate(run.finished_at ?? run.created_at)}>
                {runName(run)} · {relativeTime(run.finished_at ?? run.created_at)}
              </span>
            )}
          </>
        ) : (
          <span className="muted small">Never run</span>
        )}
      </div>
      <div className="set-row__changes">
        {run?.change_count === null || run?.change_count === undefined ? (
          <span className="muted small">—</span>
        ) : (
          <span className={`change-count${run.change_count > 0 ? " change-count--some" : ""}`}>
            {run.change_count} change{run.change_count === 1 ? "" : "s"}
          </span>
        )}
        <span className="muted small">
          {set.run_count} run{set.run_count === 1 ? "" : "s"}
        </span>
      </div>
    </li>
  );
}

export function SetsPage() {
  usePageTitle("Comparison sets");
  const sets = useSets();
  const items = [...(sets.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Comparison sets</h1>
          <p className="muted">Sites you watch over time: run them again and again, see what changed, get alerted.</p>
        </div>
        <Link to="/sets/new" className="button button--primary" data-testid="new-set">
          New set
        </Link>
      </div>
      {sets.isPending ? (
        <Loading label="Loading sets…" />
      ) : sets.isError && !sets.data ? (
        <ErrorState error={sets.error} title="Could not load the sets" onRetry={() => void sets.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title="No comparison sets yet"
          action={
            <Link to="/sets/new" className="button button--primary">
              Create a set
            </Link>
          }
        >
          A set is your site and its competitors under one name. Run it on a schedule and Aura shows what changed between runs: scores, ranks, technology, content, pricing and looks.
        </EmptyState>
      ) : (
        <section className="panel panel--flush">
          <div className="set-row set-row--head" aria-hidden="true">
            <span>Set</span>
            <span>Schedule</span>
            <span>Last run</span>
            <span>Changes</span>
          </div>
          <ul className="batch-list" aria-label="Comparison sets">
            {items.map((set) => (
              <SetRow key={set.id} set={set} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
