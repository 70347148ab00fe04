import { Link, useParams } from "react-router-dom";
import { screenshotUrl } from "../api/client";
import type { SiteStandings } from "../api/types";
import { reportPath } from "../hooks/title";
import { scoreBand } from "../lib/format";
import { categoryLabel } from "../lib/report";
import type { ResultSite } from "../lib/results";
import { AuthImage } from "./AuthImage";
import { GradeBadge, ScoreRing, StatusBadge } from "./Badges";

export interface CompetitorCardProps {
  site: ResultSite;
  technologies: string[];
  standings?: SiteStandings;
  categoryTitles?: Record<string, string>;
  /** False when technology detection had no data for this site (off or unavailable). */
  technologyKnown?: boolean;
}

export function CompetitorCard({
  site,
  technologies,
  standings,
  categoryTitles = {},
  technologyKnown = true,
}: CompetitorCardProps) {
  const { batchId } = useParams();
  const screenshot = site.report?.facts.screenshots[0];
  const failed = site.status !== "completed" && site.status !== "excluded" ? site.status : null;
  const categories = Object.entries(site.scores);
  return (
    <article className={`card competitor${site.isPrimary ? " competitor--primary" : ""}`} data-testid="competitor-card" data-site={site.url}>
      {screenshot && (
        <AuthImage className="competitor__shot" src={screenshotUrl(site.analysisId, screenshot)} alt={`Screenshot of ${site.label}`} />
      )}
      <header className="competitor__head">
        <ScoreRing score={site.overall} size={60} label="Overall score" />
        <div className="competitor__id">
          <div className="competitor__badges">
            {site.isPrimary && <span className="tag tag--primary">You</span>}
            {site.rank !== null && <span className="tag tag--rank">#{site.rank}</span>}
            {failed && <StatusBadge status={failed} />}
            {site.status === "excluded" && <StatusBadge status="cancelled" />}
            {site.renderHealth?.status === "degraded" && (
              <span className="tag tag--warn" data-testid="render-degraded">
                Render degraded
              </span>
            )}
          </div>
          <h3 className="competitor__host" title={site.url}>
            {site.label}
          </h3>
          {site.title && <p className="competitor__title">{site.title}</p>}
        </div>
      </header>

      {site.error && <p className="field-error field-error--block">{site.error}</p>}

      {site.renderHealth?.status === "degraded" && (
        <div className="render-health" role="note" data-testid="render-health">
          <p>
            This page did not render as its visitors see it: {(site.renderHealth.reasons ?? []).join("; ") || "resources failed to load"}.
          </p>
          {(site.renderHealth.unreliable ?? []).length > 0 && (
            <p>
              Not reliable here, and never counted as a lead:{" "}
              {(site.renderHealth.unreliable ?? []).map((id) => categoryTitles[id] ?? categoryLabel(id)).join(", ")}.
            </p>
          )}
        </div>
      )}
      {site.renderHealth && site.renderHealth.status === "healthy" && site.renderHealth.failed > 0 && (
        <p className="muted" data-testid="render-failures">
          {site.renderHealth.failed} of {site.renderHealth.requested} stylesheets, scripts, fonts and images failed to load.
        </p>
      )}

      {categories.length > 0 && (
        <ul className="mini-bars" aria-label="Category scores">
          {categories.map(([id, score]) => (
            <li key={id}>
              <span className="mini-bars__label">{categoryTitles[id] ?? categoryLabel(id)}</span>
              <span className="mini-bars__track">
                <span className={`mini-bars__fill mini-bars__fill--${scoreBand(score)}`} style={{ width: `${score ?? 0}%` }} />
              </span>
              <span className="mini-bars__value">{score === null ? "—" : Math.round(score)}</span>
            </li>
          ))}
        </ul>
      )}

      {site.report && (
      <dl className="competitor__facts">
        <div>
          <dt>Security grade</dt>
          <dd>
            <GradeBadge grade={site.securityGrade} />
          </dd>
        </div>
        <div>
          <dt>Technologies</dt>
          <dd>
            {technologies.length ? (
              <ul className="chips">
                {technologies.slice(0, 8).map((name) => (
                  <li key={name} className="chip">
                    {name}
                  </li>
                ))}
                {technologies.length > 8 && <li className="chip chip--more">+{technologies.length - 8}</li>}
              </ul>
            ) : (
              <span className="muted">{technologyKnown ? "None detected" : "No data"}</span>
            )}
          </dd>
        </div>
      </dl>
      )}

      {standings && (standings.strengths.length > 0 || standings.weaknesses.length > 0) && (
        <div className="standings">
          {standings.strengths.length > 0 && (
            <div>
              <h4 className="standings__title standings__title--good">Strengths</h4>
              <ul>
                {standings.strengths.slice(0, 4).map((item) => (
                  <li key={`${item.kind}:${item.id}`}>{item.text}</li>
                ))}
              </ul>
            </div>
          )}
          {standings.weaknesses.length > 0 && (
            <div>
              <h4 className="standings__title standings__title--bad">Weaknesses</h4>
              <ul>
                {standings.weaknesses.slice(0, 4).map((item) => (
                  <li key={`${item.kind}:${item.id}`}>{item.text}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}

      {site.report && (
        <footer className="competitor__foot">
          <Link to={reportPath(site.analysisId, batchId)}>Full report →</Link>
        </footer>
      )}
    </article>
  );
}
