import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import type { Batch } from "../api/types";
import { reportPath } from "../hooks/title";
import type { SocketState } from "../hooks/useBatchSocket";
import { hostOf } from "../lib/format";
import { isFinished } from "../lib/progress";
import { StatusBadge } from "./Badges";

const URL_STATE: Record<string, string> = {
  queued: "Queued",
  running: "Fetching the page",
  completed: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** What a running site is doing (the server's `stage`). */
const RUNNING_STAGE: Record<string, string> = {
  fetching: "Fetching the page",
  rendering: "Rendering in Chromium",
  auditing: "Auditing",
};

function urlState(item: Batch["urls"][number]): string {
  if (item.status === "running") return RUNNING_STAGE[item.stage ?? "fetching"] ?? URL_STATE.running!;
  return URL_STATE[item.status] ?? item.status;
}

const CONNECTION: Record<SocketState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  finished: "",
  "not-found": "Deleted",
};

/** "42 s", "3 min 05 s": how long the comparison has taken so far (or took). */
export function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** The time now, once a second while `running` (the elapsed time ticks on its own). */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return now;
}

export function BatchProgressTracker({ batch, connection }: { batch: Batch; connection: SocketState }) {
  const done = batch.completed_urls + batch.failed_urls;
  const finished = isFinished(batch.status);
  const phase =
    batch.status === "comparing"
      ? "Comparing the sites…"
      : finished
        ? `${batch.completed_urls} analysed${batch.failed_urls ? `, ${batch.failed_urls} failed` : ""}`
        : `${done} of ${batch.total_urls} sites analysed`;
  const now = useNow(!finished);
  const end = finished && batch.finished_at ? Date.parse(batch.finished_at) : now;
  const elapsed = elapsedText(end - Date.parse(batch.created_at));
  return (
    <section className="panel progress" data-testid="batch-progress" data-status={batch.status} aria-label="Progress">
      <div className="progress__head">
        <div className="progress__title">
          <StatusBadge status={batch.status} />
          <span>{phase}</span>
          <span className="muted small" data-testid="elapsed">
            {finished ? `in ${elapsed}` : `${elapsed} so far`}
          </span>
        </div>
        {CONNECTION[connection] && (
          <span className={`live live--${connection}`} aria-live="polite">
            <span className="live__dot" aria-hidden="true" />
            {CONNECTION[connection]}
          </span>
        )}
      </div>
      <div
        className={`bar${finished ? " bar--done" : ""}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={batch.progress}
        aria-label="Overall progress"
      >
        <div className="bar__fill" style={{ width: `${batch.progress}%` }} />
      </div>
      <ul className="url-status-list">
        {batch.urls.map((item) => (
          <li key={item.id} className={`url-status url-status--${item.status}`} data-testid="url-status" data-status={item.status}>
            <span className={`url-status__icon url-status__icon--${item.status}`} aria-hidden="true" />
            <div className="url-status__main">
              <span className="url-status__url">
                {item.is_primary && <span className="tag tag--primary">You</span>}
                <span title={item.url}>{item.label ?? hostOf(item.url)}</span>
              </span>
              {item.status === "failed" && item.error && <span className="url-status__error">{item.error}</span>}
            </div>
            <span className="url-status__state" data-testid="url-stage">
              {urlState(item)}
            </span>
            {item.status === "completed" && (
              <Link className="url-status__link" to={reportPath(item.analysis_id, batch.id)}>
                Report
              </Link>
            )}
          </li>
        ))}
      </ul>
      {batch.error && <p className="field-error field-error--block">{batch.error}</p>}
    </section>
  );
}
