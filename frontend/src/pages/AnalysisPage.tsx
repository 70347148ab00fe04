import { Link, useParams, useSearchParams } from "react-router-dom";
import { ApiError, screenshotUrl } from "../api/client";
import { AuditList } from "../components/AuditList";
import { AuthImage } from "../components/AuthImage";
import { GradeBadge, ScoreRing, StatusBadge } from "../components/Badges";
import { PricingPlans, readPricing } from "../components/PricingPlans";
import { EmptyState, ErrorState, Loading, Section } from "../components/States";
import { useAnalysis } from "../hooks/queries";
import { usePageTitle } from "../hooks/title";
import { formatDate, formatMetric, formatValue, hostOf, metricFormat } from "../lib/format";
import { auditVerdict, readReport, renderProfiles } from "../lib/report";

export function AnalysisPage() {
  const { analysisId = "" } = useParams();
  const query = useAnalysis(analysisId);
  // Reached from a comparison: the report links back to it.
  const [search] = useSearchParams();
  const batchId = search.get("batch");
  const host = query.data ? hostOf(query.data.final_url ?? query.data.url) : null;
  usePageTitle(host ? `${host} report` : "Report");
  if (query.isPending) return <Loading label="Loading the report…" />;
  const analysis = query.data;
  if (!analysis) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 422)) {
      return <EmptyState title="This report does not exist" action={<Link to="/" className="button">Back to comparisons</Link>} />;
    }
    return <ErrorState error={query.error} title="Could not load this report" onRetry={() => void query.refetch()} />;
  }
  const report = readReport(analysis.result as Record<string, unknown> | null);
  const scored = report?.categories.filter((c) => !c.informative) ?? [];
  const overall = scored.length ? scored.reduce((sum, c) => sum + (c.score ?? 0), 0) / scored.length : null;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/">Comparisons</Link> /{" "}
            {batchId && (
              <>
                <Link to={`/batches/${encodeURIComponent(batchId)}`} data-testid="back-to-comparison">
                  Comparison
                </Link>{" "}
                /
              </>
            )}
          </p>
          <h1>{host}</h1>
          <p className="muted">
            <StatusBadge status={analysis.status} /> {analysis.url}
            {analysis.finished_at && ` · analysed ${formatDate(analysis.finished_at)}`}
            {analysis.duration_ms !== null && ` in ${formatValue(analysis.duration_ms, "ms")}`}
          </p>
        </div>
      </div>
      {analysis.status === "failed" && <ErrorState error={new Error(analysis.error ?? "The analysis failed.")} title="This analysis failed" />}
      {!report && analysis.status !== "failed" && <Loading label="The analysis is still running…" />}
      {report && (
        <>
          <section className="panel report-head">
            <ScoreRing score={overall} size={88} label="Average score" />
            <div className="report-head__main">
              <h2 className="report-head__title">{report.facts.title ?? <span className="muted">No title</span>}</h2>
              {report.facts.headline && <p className="report-head__headline">{report.facts.headline}</p>}
              <p className="muted small">
                HTTP {report.statusCode ?? "?"} · {report.mode} mode · analysis {report.analysisVersion ?? "?"}
                {report.facts.language && ` · language ${report.facts.language}`}
              </p>
            </div>
            <div className="report-head__grade">
              <span className="muted small">Security</span>
              <GradeBadge grade={report.facts.securityGrade} />
            </div>
          </section>
          <nav className="category-tabs" aria-label="Categories">
            {report.categories.map((c) => (
              <a key={c.id} href={`#cat-${c.id}`} className="category-tab">
                <span>{c.title}</span>
                <strong>{c.score === null ? "—" : Math.round(c.score)}</strong>
              </a>
            ))}
          </nav>
          {report.facts.screenshots.length > 0 && (
            <Section title="Screenshots" id="screenshots">
              <div className="shots">
                {report.facts.screenshots.map((name) => (
                  <figure key={name}>
                    <AuthImage className="shot" src={screenshotUrl(analysis.id, name)} alt={`Screenshot ${name}`} />
                    <figcaption className="muted small">{name}</figcaption>
                  </figure>
                ))}
              </div>
            </Section>
          )}
          {renderProfiles(report.raw).length > 0 && (
            <Section title="Rendering" id="rendering" subtitle="Measured in Chromium, per device profile.">
              <div className="grid-scroll">
                <table className="matrix">
                  <thead>
                    <tr>
                      <th scope="col">Profile</th>
                      <th scope="col">First contentful paint</th>
                      <th scope="col">Largest contentful paint</th>
                      <th scope="col">Layout shift</th>
                      <th scope="col">Blocking time</th>
                      <th scope="col">Load</th>
                      <th scope="col">JS errors</th>
                    </tr>
                  </thead>
                  <tbody>
                    {renderProfiles(report.raw).map((p) => (
                      <tr key={p.profile}>
                        <th scope="row">
                          {p.profile}
                          {p.network && <div className="muted small">{p.network}</div>}
                          {p.caveats.map((caveat) => (
                            <div key={caveat} className="muted small">
                              {caveat}
                            </div>
                          ))}
                        </th>
                        <td>{formatValue(p.fcpMs, "ms")}</td>
                        <td>{formatValue(p.lcpMs, "ms")}</td>
                        <td>{formatValue(p.cls, "unitless")}</td>
                        <td>{formatValue(p.tbtMs, "ms")}</td>
                        <td>{formatValue(p.loadMs, "ms")}</td>
                        <td>{p.jsErrors}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Section>
          )}
          {report.categories.map((category) => {
            const counts = category.audits.reduce<Record<string, number>>((acc, a) => {
              const v = auditVerdict(a);
              acc[v] = (acc[v] ?? 0) + 1;
              return acc;
            }, {});
            return (
              <Section
                key={category.id}
                id={`cat-${category.id}`}
                title={`${category.title}${category.score === null ? "" : ` · ${Math.round(category.score)}`}`}
                subtitle={
                  <>
                    {category.description}{" "}
                    <span className="counts">
                      {counts.pass ? `${counts.pass} passed` : ""}
                      {counts.fail ? ` · ${counts.fail} failed` : ""}
                      {counts.average ? ` · ${counts.average} need work` : ""}
                      {counts.na ? ` · ${counts.na} n/a` : ""}
                    </span>
                  </>
                }
              >
                <AuditList audits={category.audits} baseUrl={analysis.final_url ?? analysis.url} />
              </Section>
            );
          })}
          <PricingPlans pricing={readPricing(analysis.result as Record<string, unknown> | null)} />
          <Section title="Metrics" id="metrics">
            <dl className="metric-table">
              {Object.entries(report.metrics).map(([id, value]) => (
                <div key={id}>
                  <dt>{metricFormat(id).label}</dt>
                  <dd>{formatMetric(id, value)}</dd>
                </div>
              ))}
            </dl>
          </Section>
        </>
      )}
    </div>
  );
}
