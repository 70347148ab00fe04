// Applying the batch WebSocket's messages to the batch the page shows. Pure, so it is tested
// without a socket (progress.test.ts).
import type { Batch } from "../api/types";
import { applyCrawlProgress, crawlOf, type CrawlProgressMessage } from "./crawlPages";

export interface SocketMessage {
  type: string;
  version?: number;
  batch?: Batch;
  analysis_id?: string;
  url?: string;
  status?: string;
  stage?: string;
  error?: string | null;
  progress?: number;
  completed_urls?: number;
  failed_urls?: number;
  /** crawl.progress and crawl.finished (a site's crawl). */
  crawl_id?: string;
  discovered?: number;
  done?: number;
  failed?: number;
  skipped?: number;
  queued?: number;
  pages?: number;
}

export const FINISHED_BATCH = new Set(["completed", "partial", "failed", "cancelled"]);

export function isFinished(status: string): boolean {
  return FINISHED_BATCH.has(status);
}

/** Whether the batch has a comparison to show: a finished one, or a cancelled one with sites
 *  analysed before it was cancelled (compared on each read, the others left out). */
export function hasComparison(batch: Pick<Batch, "status" | "urls">): boolean {
  if (batch.status === "completed" || batch.status === "partial") return true;
  return batch.status === "cancelled" && batch.urls.some((item) => item.status === "completed");
}

type Stage = NonNullable<Batch["urls"][number]["stage"]>;

const STAGES: readonly string[] = ["fetching", "rendering", "auditing"] satisfies Stage[];

function isStage(stage: string | undefined): stage is Stage {
  return stage !== undefined && STAGES.includes(stage);
}

export type Applied =
  | { kind: "updated"; batch: Batch }
  | { kind: "stale" }
  /** A version was skipped: the client must ask for a fresh snapshot. */
  | { kind: "gap" };

export function applyMessage(current: Batch | undefined, message: SocketMessage): Applied {
  if (message.type === "snapshot" && message.batch) return { kind: "updated", batch: message.batch };
  if (message.type === "crawl.progress") {
    // Unversioned: counters only; nothing to resync when it comes out of turn.
    if (!current) return { kind: "stale" };
    const next = applyCrawlProgress(current, message as CrawlProgressMessage);
    return next === current ? { kind: "stale" } : { kind: "updated", batch: next };
  }
  if (!current || typeof message.version !== "number") return { kind: "gap" };
  if (message.version <= current.version) return { kind: "stale" };
  if (message.version !== current.version + 1) return { kind: "gap" };
  const next: Batch = { ...current, version: message.version, updated_at: new Date().toISOString() };
  switch (message.type) {
    case "url.started":
      next.urls = current.urls.map((item) =>
        item.analysis_id === message.analysis_id ? { ...item, status: "running", stage: "fetching", error: null } : item,
      );
      break;
    case "url.stage":
      next.urls = current.urls.map((item) =>
        item.analysis_id === message.analysis_id && isStage(message.stage) ? { ...item, stage: message.stage } : item,
      );
      break;
    case "url.finished":
      next.urls = current.urls.map((item) =>
        item.analysis_id === message.analysis_id
          ? { ...item, status: message.status ?? item.status, stage: null, error: message.error ?? null }
          : item,
      );
      if (typeof message.progress === "number") next.progress = message.progress;
      if (typeof message.completed_urls === "number") next.completed_urls = message.completed_urls;
      if (typeof message.failed_urls === "number") next.failed_urls = message.failed_urls;
      break;
    case "batch.status":
    case "batch.finished":
      if (message.status) next.status = message.status;
      if (message.type === "batch.finished") {
        next.error = message.error ?? null;
        next.finished_at = next.finished_at ?? new Date().toISOString();
      }
      break;
    case "crawl.finished":
      next.urls = current.urls.map((item) => {
        const crawl = crawlOf(item);
        if (!crawl || crawl.id !== message.crawl_id) return item;
        return { ...item, crawl: { ...crawl, status: message.status ?? crawl.status, error: message.error ?? null, queued: 0 } };
      });
      break;
    default:
      // An event this client does not know still advances the version.
      break;
  }
  return { kind: "updated", batch: next };
}
