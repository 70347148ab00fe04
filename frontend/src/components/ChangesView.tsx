import { useState, type ReactNode } from "react";
import type {
  Delta,
  DiffSegment,
  Overtake,
  Plan,
  PricingChange,
  RankChange,
  RunChanges,
  SiteChanges,
  TechnologyChange,
  TextChange,
  VisualChange,
} from "../api/types";
import { visualUrl } from "../hooks/sets";
import { formatValue, hostOf } from "../lib/format";
import { formatChange } from "../lib/sets";
import { AuthImage } from "./AuthImage";

const SITE_STATUS: Record<string, string> = {
  changed: "Changed",
  unchanged: "No change",
  new: "New in this run",
  gone: "Not in this run",
  failed: "Analysis failed",
};

const VERDICT_TEXT: Record<string, string> = {
  better: "better",
  worse: "worse",
  unchanged: "unchanged",
  new: "new",
  gone: "gone",
  unmeasured: "not measured in one of the runs",
};

/** A delta worth showing: beyond the noise, not a gap in the measurements. */
const noticed = (delta: Delta) => delta.verdict !== "unchanged" && delta.verdict !== "unmeasured";

function needsSpace(left: string, right: string): boolean {
  return left !== "" && right !== "" && !/\s$/.test(left) && !/^\s/.test(right);
}

/**
 * A readable diff: inserted text in <ins>, deleted text in <del>, the rest as it was. Every
 * piece is React text (page content is data, never markup). Word diffs whose pieces carry no
 * white space of their own get one between pieces; line diffs put each piece on its own line.
 */
export function DiffText({ segments, lines = false }: { segments: DiffSegment[]; lines?: boolean }) {
  return (
    <p className={`diff${lines ? " diff--lines" : ""}`} data-testid="diff">
      {segments.map((segment, index) => {
        const previous = segments[index - 1];
        const gap = !lines && previous && needsSpace(previous.text, segment.text) ? " " : "";
        const piece =
          segment.op === "insert" ? (
            <ins className="diff__ins">{segment.text}</ins>
          ) : segment.op === "delete" ? (
            <del className="diff__del">{segment.text}</del>
          ) : (
            <span className="diff__same">{segment.text}</span>
          );
        return (
          <span key={index} className="diff__piece">
            {gap}
            {piece}
          </span>
        );
      })}
    </p>
  );
}

export function DeltaValue({ delta }: { delta: Delta }) {
  return (
    <span className={`delta delta--${delta.verdict}`} title={delta.note ?? VERDICT_TEXT[delta.verdict]}>
      {delta.verdict === "better" ? "▲ " : delta.verdict === "worse" ? "▼ " : ""}
      {formatChange(delta)}
    </span>
  );
}

function DeltaTable({ deltas, caption }: { deltas: Delta[]; caption: string }) {
  return (
    <table className="delta-table">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        {deltas.map((delta) => (
          <tr key={delta.id} data-verdict={delta.verdict}>
            <th scope="row">{delta.label}</th>
            <td className="delta-table__values">
              {formatValue(delta.before, delta.unit)} → {formatValue(delta.after, delta.unit)}
            </td>
            <td>
              <DeltaValue delta={delta} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Ranks({ ranks }: { ranks: RankChange[] }) {
  const moved = ranks.filter((rank) => rank.verdict !== "unchanged");
  if (!moved.length) return null;
  return (
    <ul className="chips">
      {moved.map((rank) => (
        <li key={rank.category} className={`chip rank-move rank-move--${rank.verdict}`}>
          {rank.label}: {rank.before !== null ? `#${rank.before}` : "—"} → {rank.after !== null ? `#${rank.after}` : "—"}
          {rank.verdict === "up" ? " ▲" : rank.verdict === "down" ? " ▼" : ""}
        </li>
      ))}
    </ul>
  );
}

function Technology({ changes }: { changes: TechnologyChange[] }) {
  return (
    <ul className="tech-changes">
      {changes.map((change) => (
        <li key={`${change.change}:${change.name}`} className={`tech-change tech-change--${change.change}`}>
          <span className="tech-change__sign" aria-hidden="true">
            {change.change === "added" ? "+" : change.change === "removed" ? "−" : "↻"}
          </span>
          <strong>{change.name}</strong>
          {change.change === "version" ? (
            <span className="muted">
              {" "}
              {change.before_version ?? "?"} → {change.after_version ?? "?"}
            </span>
          ) : (
            <span className="muted"> {change.change}</span>
          )}
          {change.categories.length > 0 && <span className="muted small"> · {change.categories.join(", ")}</span>}
        </li>
      ))}
    </ul>
  );
}

function ItemList({ items, kind }: { items: string[]; kind: "added" | "removed" }) {
  if (!items.length) return null;
  return (
    <ul className={`line-list line-list--${kind}`} aria-label={kind === "added" ? "Added" : "Removed"}>
      {items.map((item, index) =>
        kind === "added" ? (
          <li key={index}>
            <ins className="diff__ins">{item}</ins>
          </li>
        ) : (
          <li key={index}>
            <del className="diff__del">{item}</del>
          </li>
        ),
      )}
    </ul>
  );
}

export function ContentChange({ change }: { change: TextChange }) {
  const [full, setFull] = useState(false);
  const { added = [], removed = [], diff = [] } = change;
  const lines = change.field === "main_text";
  const isList = change.field === "calls_to_action" || change.field === "navigation";
  return (
    <div className="content-change" data-field={change.field}>
      <div className="content-change__head">
        <span className="side__label">{change.label}</span>
        <span className="small">{change.summary}</span>
      </div>
      {isList || (lines && !full) ? (
        <>
          <ItemList items={added} kind="added" />
          <ItemList items={removed} kind="removed" />
        </>
      ) : diff.length ? (
        <DiffText segments={diff} lines={lines} />
      ) : (
        <p className="diff">
          {change.before !== null && <del className="diff__del">{change.before}</del>} {change.after !== null && <ins className="diff__ins">{change.after}</ins>}
        </p>
      )}
      {lines && diff.length > 0 && (
        <button type="button" className="button button--ghost button--small" onClick={() => setFull((value) => !value)}>
          {full ? "Only the changed lines" : "Show the text with its changes"}
        </button>
      )}
    </div>
  );
}

function planPrice(plan: Plan | null): string {
  if (!plan) return "—";
  return plan.price_text || (plan.price !== null ? `${plan.price} ${plan.currency ?? ""}`.trim() : "—");
}

function Pricing({ pricing }: { pricing: PricingChange }) {
  const moved = pricing.before_url !== pricing.after_url;
  return (
    <div className="pricing-change">
      {moved && (
        <p className="muted small">
          Pricing page: {pricing.before_url ? hostOf(pricing.before_url) : "none"} → {pricing.after_url ? hostOf(pricing.after_url) : "none"}
        </p>
      )}
      {pricing.changes.length > 0 && (
        <table className="pricing-table">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Change</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {pricing.changes.map((change, index) => (
              <tr key={`${change.plan}:${change.change}:${index}`} data-change={change.change}>
                <th scope="row">{change.plan}</th>
                <td title={change.summary}>{change.change}</td>
                <td>
                  {planPrice(change.before)}
                  {change.before?.period && <span className="muted small"> / {change.before.period}</span>}
                </td>
                <td>
                  {planPrice(change.after)}
                  {change.after?.period && <span className="muted small"> / {change.after.period}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Visual({ visual, setId, batchId, host }: { visual: VisualChange; setId: string; batchId: string; host: string }) {
  return (
    <div className="visual-change">
      <p>
        <strong>{visual.changed_percent.toFixed(1)}%</strong> of the {visual.screenshot.replace(/\.png$/, "")} view changed
      </p>
      {visual.overlay && (
        <AuthImage className="visual-change__image" src={visualUrl(setId, batchId, visual.overlay)} alt={`What changed on ${host}, marked in red`} />
      )}
    </div>
  );
}

/** Values both runs measured but not alike (timings taken another way, or on a busy host): said once per reason. */
function NotCompared({ deltas }: { deltas: Delta[] }) {
  const byNote = new Map<string, string[]>();
  for (const delta of deltas) {
    if (delta.verdict !== "unmeasured" || !delta.note) continue;
    byNote.set(delta.note, [...(byNote.get(delta.note) ?? []), delta.label]);
  }
  if (byNote.size === 0) return null;
  return (
    <ul className="muted small" data-testid="not-compared">
      {[...byNote].map(([note, labels]) => (
        <li key={note}>
          Not compared: {labels.join(", ")}. {note.charAt(0).toUpperCase() + note.slice(1)}.
        </li>
      ))}
    </ul>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="change-block">
      <h4>{title}</h4>
      {children}
    </section>
  );
}

export function SiteChangeCard({ site, setId, afterBatchId }: { site: SiteChanges; setId: string; afterBatchId: string }) {
  const [allMetrics, setAllMetrics] = useState(false);
  const { scores: allScores = [], metrics: allMetricList = [], ranks = [], technology = [], content = [], summary = [], pricing = null, visual = null, error = null } = site;
  const host = site.name ?? hostOf(site.url);
  const scores = allScores.filter(noticed);
  const moved = allMetricList.filter(noticed);
  const metrics = allMetrics ? allMetricList : moved;
  const hidden = allMetricList.length - moved.length;
  return (
    <article
      className={`change-card card${site.is_primary ? " change-card--primary" : ""} change-card--${site.status}`}
      data-testid="site-changes"
      data-url={site.url}
      data-status={site.status}
    >
      <header className="change-card__head">
        <div className="change-card__id">
          {site.is_primary && <span className="tag tag--primary">You</span>}
          <h3 title={site.url}>{host}</h3>
        </div>
        <span className={`change-status change-status--${site.status}`}>{SITE_STATUS[site.status] ?? site.status}</span>
        <span className="change-card__count">
          {site.change_count} change{site.change_count === 1 ? "" : "s"}
        </span>
      </header>
      {error && <p className="field-error">{error}</p>}
      {summary.length > 0 && (
        <ul className="change-card__summary">
          {summary.map((sentence, index) => (
            <li key={index}>{sentence}</li>
          ))}
        </ul>
      )}
      <NotCompared deltas={[...allScores, ...allMetricList]} />
      {scores.length > 0 && (
        <Block title="Scores">
          <DeltaTable deltas={scores} caption={`Score changes of ${host}`} />
        </Block>
      )}
      {ranks.some((rank) => rank.verdict !== "unchanged") && (
        <Block title="Rank">
          <Ranks ranks={ranks} />
        </Block>
      )}
      {allMetricList.length > 0 && (
        <Block title="Key metrics">
          {metrics.length > 0 ? <DeltaTable deltas={metrics} caption={`Metric changes of ${host}`} /> : <p className="muted small">No metric moved beyond its usual noise.</p>}
          {hidden > 0 && (
            <button type="button" className="button button--ghost button--small" onClick={() => setAllMetrics((value) => !value)}>
              {allMetrics ? "Only the changed metrics" : `Show all ${allMetricList.length} metrics`}
            </button>
          )}
        </Block>
      )}
      {technology.length > 0 && (
        <Block title="Technology">
          <Technology changes={technology} />
        </Block>
      )}
      {content.length > 0 && (
        <Block title="Content">
          {content.map((change) => (
            <ContentChange key={change.field} change={change} />
          ))}
        </Block>
      )}
      {pricing && (pricing.changes.length > 0 || pricing.before_url !== pricing.after_url) && (
        <Block title="Pricing">
          <Pricing pricing={pricing} />
        </Block>
      )}
      {visual && visual.changed_percent > 0 && (
        <Block title="Visual">
          <Visual visual={visual} setId={setId} batchId={afterBatchId} host={host} />
        </Block>
      )}
    </article>
  );
}

export function Overtakes({ overtakes, primaryUrl, names = {} }: { overtakes: Overtake[]; primaryUrl: string | null; names?: Record<string, string> }) {
  if (!overtakes.length) return <p className="muted">Nobody overtook anybody between these runs.</p>;
  const name = (url: string) => (url === primaryUrl ? "you" : (names[url] ?? hostOf(url)));
  const score = (value: number | null) => (value === null ? "—" : Math.round(value).toString());
  return (
    <ul className="overtakes" data-testid="overtakes">
      {overtakes.map((overtake) => {
        const involvesYou = overtake.site === primaryUrl ? "gain" : overtake.overtaken === primaryUrl ? "loss" : "other";
        return (
          <li key={`${overtake.category}:${overtake.site}:${overtake.overtaken}`} className={`overtake overtake--${involvesYou}`}>
            <span className="overtake__icon" aria-hidden="true">
              {involvesYou === "loss" ? "▼" : involvesYou === "gain" ? "▲" : "⇅"}
            </span>
            <span>
              <strong>{name(overtake.site)}</strong> overtook <strong>{name(overtake.overtaken)}</strong> in {overtake.label}
              <span className="muted small">
                {" "}
                ({score(overtake.site_before)} → {score(overtake.site_after)} vs {score(overtake.overtaken_before)} → {score(overtake.overtaken_after)})
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Every site's changes between two runs: yours first, changed before unchanged. */
export function ChangesView({ changes, setId }: { changes: RunChanges; setId: string }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const order = (site: SiteChanges) => (site.is_primary ? 0 : site.status === "unchanged" ? 2 : 1);
  const sites = [...changes.sites].sort((a, b) => order(a) - order(b));
  const quiet = sites.filter((site) => site.status === "unchanged" && !site.is_primary);
  const shown = showUnchanged ? sites : sites.filter((site) => !quiet.includes(site));
  return (
    <div className="stack">
      {(changes.summary ?? []).length > 0 && (
        <ul className="findings">
          {(changes.summary ?? []).map((sentence, index) => (
            <li key={index} className="finding">
              <span className="finding__icon" aria-hidden="true">
                Δ
              </span>
              <span>{sentence}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="change-grid">
        {shown.map((site) => (
          <SiteChangeCard key={site.url} site={site} setId={setId} afterBatchId={changes.after.batch_id} />
        ))}
      </div>
      {quiet.length > 0 && (
        <button type="button" className="button button--ghost button--small show-more" onClick={() => setShowUnchanged((value) => !value)}>
          {showUnchanged ? "Hide the unchanged sites" : `Show ${quiet.length} unchanged site${quiet.length === 1 ? "" : "s"}`}
        </button>
      )}
    </div>
  );
}
