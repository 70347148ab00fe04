import { scoreBand } from "../lib/format";

const STATUS_LABELS: Record<string, string> = {
  pending: "Queued",
  queued: "Queued",
  running: "Analysing",
  comparing: "Comparing",
  completed: "Completed",
  partial: "Partial",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge--${status}`}>{statusLabel(status)}</span>;
}

export function ScoreRing({ score, size = 56, label }: { score: number | null | undefined; size?: number; label?: string }) {
  const radius = (size - 8) / 2;
  const circumference = 2 * Math.PI * radius;
  const value = typeof score === "number" ? Math.max(0, Math.min(100, score)) : 0;
  const band = scoreBand(score);
  return (
    <div className={`ring ring--${band}`} style={{ width: size, height: size }} role="img" aria-label={`${label ?? "Score"}: ${typeof score === "number" ? Math.round(score) : "not available"}`}>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle className="ring__track" cx={size / 2} cy={size / 2} r={radius} />
        <circle
          className="ring__value"
          cx={size / 2}
          cy={size / 2}
          r={radius}
          strokeDasharray={`${(value / 100) * circumference} ${circumference}`}
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
      </svg>
      <span className="ring__text" style={{ fontSize: size * 0.32 }}>
        {typeof score === "number" ? Math.round(score) : "—"}
      </span>
    </div>
  );
}

export function ScorePill({ score }: { score: number | null | undefined }) {
  return (
    <span className={`pill pill--${scoreBand(score)}`}>{typeof score === "number" ? Math.round(score) : "—"}</span>
  );
}

export function GradeBadge({ grade }: { grade: string | null | undefined }) {
  if (!grade) return <span className="grade grade--none">—</span>;
  const letter = grade.charAt(0).toUpperCase();
  const band = letter === "A" ? "good" : letter === "B" || letter === "C" ? "average" : "poor";
  return <span className={`grade grade--${band}`}>{grade}</span>;
}
