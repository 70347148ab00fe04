import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { Batch } from "../api/types";
import { StatusBadge } from "../components/Badges";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { usePageTitle } from "../hooks/title";
import { rerunBody, useBatches, useComparison, useCreateBatch, useDeleteBatch } from "../hooks/queries";
import { formatDate, hostOf, relativeTime } from "../lib/format";
import { isFinished } from "../lib/progress";
import { documentOf } from "../lib/results";

/** The overall leader, from the stored comparison (fetched once: it does not change). */
function Leader({ batch }: { batch: Batch }) {
  const comparison = useComparison(batch);
  if (!comparison.data) return <span className="batch-row__leader muted">{comparison.isPending && isFinished(batch.status) && batch.status !== "failed" && batch.status !== "cancelled" ? "…" : "—"}</span>;
  const doc = documentOf(comparison.data);
  const legacy = (comparison.data.comparison as unknown as { leader?: string | null }).leader ?? null;
  const leaders = doc ? doc.rankings.overall.leaders : legacy ? [legacy] : [];
  if (!leaders.length) return <span className="batch-row__leader muted">No leader</span>;
  const primary = batch.urls.find((u) => u.is_primary)?.url;
  const tied = leaders.length > 1;
  return (
    <span className="batch-row__leader" title={leaders.join(", ")}>
      <span aria-hidden="true">★</span>
      {leaders.includes(primary ?? "") && <span className="tag tag--primary">You</span>}
      <span>
        {tied ? `${leaders.length}-way tie` : hostOf(leaders[0]!)}
      </span>
    </span>
  );
}

function sitesOf(batch: Batch) {
  const own = batch.urls.find((u) => u.is_primary) ?? batch.urls[0];
  const others = batch.urls.filter((u) => u !== own);
  return { own, others };
}

function BatchRow({ batch }: { batch: Batch }) {
  const navigate = useNavigate();
  const rerun = useCreateBatch();
  const remove = useDeleteBatch();
  const [confirming, setConfirming] = useState(false);
  const { own, others } = sitesOf(batch);
  const title = batch.name ?? (own ? `${hostOf(own.url)} vs ${others.length} competitor${others.length === 1 ? "" : "s"}` : "Comparison");
  const running = !isFinished(batch.status);
  return (
    <li className="batch-row">
      <Link to={`/batches/${batch.id}`} className="batch-row__main">
        <span className="batch-row__name">{title}</span>
        <span className="batch-row__sites">
          {own && <span className={own.is_primary ? "batch-row__own" : undefined}>{hostOf(own.url)}</span>}
          {others.slice(0, 4).map((u) => (
            <span key={u.id}>{hostOf(u.url)}</span>
          ))}
          {others.length > 4 && <span>+{others.length - 4}</span>}
        </span>
      </Link>
      <div className="batch-row__status">
        <StatusBadge status={batch.status} />
        {running && (
          <span className="mini-progress" aria-label={`${batch.progress}%`}>
            <span style={{ width: `${batch.progress}%` }} />
          </span>
        )}
      </div>
      <Leader batch={batch} />
      <span className="batch-row__date" title={formatDate(batch.created_at)}>
        {relativeTime(batch.created_at)}
      </span>
      <div className="batch-row__actions">
        {!running && (
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={rerun.isPending}
            onClick={() => rerun.mutate(rerunBody(batch), { onSuccess: (created) => navigate(`/batches/${created.id}`) })}
          >
            {rerun.isPending ? "Starting…" : "Re-run"}
          </button>
        )}
        {confirming ? (
          <>
            <button type="button" className="button button--danger button--small" disabled={remove.isPending} onClick={() => remove.mutate(batch.id)}>
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)} aria-label={`Delete ${title}`}>
            Delete
          </button>
        )}
      </div>
      {(rerun.error ?? remove.error) && <p className="field-error batch-row__error">{(rerun.error ?? remove.error)!.message}</p>}
    </li>
  );
}

export function DashboardPage() {
  usePageTitle("Comparisons");
  const batches = useBatches();
  const page = batches.data;
  const items = [...(page?.items ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Comparisons</h1>
          <p className="muted">Your site against its competitors: performance, SEO, accessibility, security, content and design.</p>
        </div>
        <Link to="/new" className="button button--primary">
          New comparison
        </Link>
      </div>
      {batches.isPending ? (
        <Loading label="Loading comparisons…" />
      ) : batches.isError && !page ? (
        <ErrorState error={batches.error} title="Could not load comparisons" onRetry={() => void batches.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title="No comparisons yet"
          action={
            <Link to="/new" className="button button--primary">
              Compare your site
            </Link>
          }
        >
          Enter your site and a few competitors: Aura audits every page under the same conditions and shows who leads, where, and what to fix first.
        </EmptyState>
      ) : (
        <section className="panel panel--flush">
          <ul className="batch-list" aria-label="Past comparisons">
            {items.map((batch) => (
              <BatchRow key={batch.id} batch={batch} />
            ))}
          </ul>
          {page && page.total > items.length && (
            <p className="muted small panel__foot">Showing the newest {items.length} of {page.total}.</p>
          )}
        </section>
      )}
    </div>
  );
}
