import type { components } from "../api/schema";
import type { ComparisonDocument } from "../api/types";
import { formatValue, hostOf, MISSING } from "../lib/format";
import type { ResultSite } from "../lib/results";
import { Section } from "./States";
import { countPhrase, reportFigure, reportFinding, safeLink, type FindingExample } from "../lib/siteReport";

// The comparison page's "Sites as crawled" section: the document's `site` section (present
// only when the sites were crawled). Every string from a report is page text: it is rendered
// as text (React escapes it) and becomes a link only when it is an http(s) URL.

type SiteSectionDoc = components["schemas"]["SiteSection"];
type FindingRow = components["schemas"]["SiteFindingRow"];

const SEVERITY_LABEL: Record<FindingRow["severity"], string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Information",
};

/** Example pages shown per site and finding (the report keeps a few more). */
const EXAMPLES_SHOWN = 5;

function labelOf(url: string, sites: ResultSite[]): string {
  return sites.find((s) => s.url === url)?.label ?? hostOf(url);
}

function isPrimary(url: string, sites: ResultSite[]): boolean {
  return sites.find((s) => s.url === url)?.isPrimary ?? false;
}

/** A page URL as a link when it is http(s), as plain text otherwise. */
export function PageUrl({ url }: { url: string }) {
  const href = safeLink(url);
  if (!href) return <span className="page-value">{url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {url}
    </a>
  );
}

function SiteHeads({ urls, sites, first }: { urls: string[]; sites: ResultSite[]; first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {urls.map((url) => (
          <th key={url} scope="col" className={isPrimary(url, sites) ? "is-primary" : undefined}>
            {labelOf(url, sites)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Leader({ on }: { on: boolean }) {
  return on ? <span className="tag tag--rank" title="Best of the compared sites">best</span> : null;
}

function Example({ item }: { item: FindingExample }) {
  const shown = item.pages.slice(0, 3);
  return (
    <li>
      {item.isUrl ? <PageUrl url={item.label} /> : <q className="page-value">{item.label}</q>}
      {item.evidence.length > 0 && <span className="muted"> — {item.evidence.join("; ")}</span>}
      {shown.length > 0 && (
        <div className="small muted">
          {item.isUrl ? "Linked from " : "On "}
          {shown.map((page, index) => (
            <span key={page}>
              {index > 0 && ", "}
              <PageUrl url={page} />
            </span>
          ))}
          {item.pagesTotal > shown.length && ` and ${item.pagesTotal - shown.length} more`}
        </div>
      )}
    </li>
  );
}

function FindingDetails({ row, section, sites }: { row: FindingRow; section: SiteSectionDoc; sites: ResultSite[] }) {
  const severe = row.severity === "critical" || row.severity === "high";
  const perSite = section.sites.map((url) => ({ url, finding: reportFinding(section.reports[url], row.id) }));
  const fix = perSite.map((s) => s.finding?.howToFix).find(Boolean);
  return (
    <details className="site-finding" data-testid={`site-finding-${row.id}`}>
      <summary>
        <span className={`tag ${severe ? "tag--warn" : "tag--info"}`}>{SEVERITY_LABEL[row.severity]}</span> <strong>{row.title}</strong>
        {/* Phrasing content only in a summary: spans, laid out as a list by the stylesheet. */}
        <span className="site-finding__counts">
          {section.sites.map((url) => {
            const count = row.counts[url];
            return (
              <span key={url}>
                {labelOf(url, sites)}:{" "}
                {count === null || count === undefined ? (
                  <span className="muted">cannot tell</span>
                ) : (
                  <span>
                    {countPhrase(row.id, count)}
                    {row.checked[url] !== undefined && <span className="muted"> (of {row.checked[url]!.toLocaleString("en")} checked)</span>}
                  </span>
                )}{" "}
                <Leader on={row.best.includes(url)} />
              </span>
            );
          })}
        </span>
      </summary>
      {row.text && <p>{row.text}</p>}
      {fix && (
        <p>
          <strong>How to fix:</strong> {fix}
        </p>
      )}
      {perSite.map(({ url, finding }) =>
        finding && (finding.examples.length > 0 || finding.note) ? (
          <div key={url} className="site-finding__site">
            <h4>{labelOf(url, sites)}</h4>
            {finding.note && <p className="muted small">{finding.note}</p>}
            {finding.examples.length > 0 && (
              <ul className="site-finding__examples">
                {finding.examples.slice(0, EXAMPLES_SHOWN).map((item, index) => (
                  <Example key={index} item={item} />
                ))}
              </ul>
            )}
          </div>
        ) : null,
      )}
    </details>
  );
}

/** Topics named per site in the content table (the document keeps up to ten). */
const TOPICS_SHOWN = 8;

function ContentVolume({ section, sites }: { section: SiteSectionDoc; sites: ResultSite[] }) {
  const rows = section.sites.map((url) => {
    const pages = reportFigure(section.reports[url], "html_pages");
    const words = reportFigure(section.reports[url], "words_total");
    const median = reportFigure(section.reports[url], "words_median");
    const topics = (section.topics?.[url] ?? []).slice(0, TOPICS_SHOWN);
    return { url, pages, words, median, topics, perPage: pages && words !== null ? words / pages : null };
  });
  if (rows.every((r) => r.pages === null && r.words === null && r.topics.length === 0)) return null;
  return (
    <div className="grid-scroll">
      <h3>Content volume and topics</h3>
      <table className="matrix" aria-label="Content volume and topics">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">HTML pages</th>
            <th scope="col">Words of main text</th>
            <th scope="col">Words per page (mean)</th>
            <th scope="col">Words per page (median)</th>
            <th scope="col">Main topics</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.url}>
              <th scope="row">{labelOf(r.url, sites)}</th>
              <td>{formatValue(r.pages, "count")}</td>
              <td>{formatValue(r.words, "count")}</td>
              <td>{r.perPage === null ? MISSING : formatValue(Math.round(r.perPage), "count")}</td>
              <td>{r.median === null ? MISSING : formatValue(Math.round(r.median), "count")}</td>
              <td>
                {r.topics.length === 0 ? (
                  <span className="muted">{MISSING}</span>
                ) : (
                  <ul className="topic-list" aria-label={`Main topics of ${labelOf(r.url, sites)}`}>
                    {r.topics.map((topic) => (
                      <li key={topic.term} title={`On ${topic.pages.toLocaleString("en")} ${topic.pages === 1 ? "page" : "pages"}`}>
                        {topic.term} <span className="muted small">{topic.pages.toLocaleString("en")}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Topics: the pages' most frequent words weighted across pages (a word on many pages ranks above one repeated on a single page; lines every page repeats and code output are left out). The
        number is the pages it is a keyword of.
      </p>
    </div>
  );
}

export function SiteComparison({ section, sites }: { section: SiteSectionDoc; sites: ResultSite[] }) {
  const urls = section.sites;
  return (
    <div className="stack site-comparison">
      {section.statements.length > 0 && (
        <ul className="findings">
          {section.statements.map((statement, index) => (
            <li key={index} className="finding">
              <span className="finding__icon" aria-hidden="true">◆</span>
              <span>{statement}</span>
            </li>
          ))}
        </ul>
      )}
      {section.without_crawl.length > 0 && (
        <p className="muted small">
          Analysed as one page, not crawled: {section.without_crawl.map((url) => labelOf(url, sites)).join(", ")}.
        </p>
      )}

      {section.scores.length > 0 && (
        <div className="grid-scroll">
          <h3>Site scores</h3>
          <table className="matrix" aria-label="Site scores">
            <SiteHeads urls={urls} sites={sites} first="Category" />
            <tbody>
              {section.scores.map((row) => (
                <tr key={row.category}>
                  <th scope="row">{row.title}</th>
                  {urls.map((url) => (
                    <td key={url} className={row.leaders.includes(url) ? "is-leader" : undefined}>
                      {formatValue(row.scores[url], "score")} <Leader on={row.leaders.includes(url) && urls.length > 1} />
                      {row.evidence[url] && (
                        <div className="small muted">
                          pages {formatValue(row.evidence[url]!.pages_score, "score")} over {row.evidence[url]!.pages} pages
                        </div>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {section.scores_rule && <p className="muted small">{section.scores_rule}</p>}
        </div>
      )}

      {section.figures.length > 0 && (
        <div className="grid-scroll">
          <h3>The crawl in figures</h3>
          <table className="matrix" aria-label="Crawl figures">
            <SiteHeads urls={urls} sites={sites} first="Figure" />
            <tbody>
              {section.figures.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.label}</th>
                  {urls.map((url) => (
                    <td key={url} className={row.leaders?.includes(url) ? "is-leader" : undefined}>
                      {formatValue(row.values[url], row.unit)} <Leader on={!!row.leaders?.includes(url)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {section.findings.length > 0 && (
        <div>
          <h3>Site findings</h3>
          {section.findings.map((row) => (
            <FindingDetails key={row.id} row={row} section={section} sites={sites} />
          ))}
        </div>
      )}

      {section.templates.length > 0 && (
        <div className="grid-scroll">
          <h3>Pages per template</h3>
          <table className="matrix" aria-label="Pages per template">
            <SiteHeads urls={urls} sites={sites} first="Template" />
            <tbody>
              {section.templates.map((row) => (
                <tr key={row.template}>
                  <th scope="row">
                    <code>{row.template}</code>
                  </th>
                  {urls.map((url) => (
                    <td key={url}>{formatValue(row.pages[url] ?? null, "count")}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {section.structured_data.length > 0 && (
        <div className="grid-scroll">
          <h3>Structured data coverage</h3>
          <table className="matrix" aria-label="Structured data coverage">
            <SiteHeads urls={urls} sites={sites} first="schema.org type" />
            <tbody>
              {section.structured_data.map((row) => (
                <tr key={row.type}>
                  <th scope="row">{row.type}</th>
                  {urls.map((url) => {
                    const coverage = row.coverage[url];
                    return (
                      <td key={url} className={row.leaders.includes(url) ? "is-leader" : undefined}>
                        {coverage ? (
                          <>
                            {formatValue(coverage.share, "ratio")} of <code>{coverage.template}</code>{" "}
                            <span className="muted small">
                              ({coverage.marked} of {coverage.pages})
                            </span>
                          </>
                        ) : (
                          <span className="muted">none</span>
                        )}{" "}
                        <Leader on={row.leaders.includes(url)} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ContentVolume section={section} sites={sites} />
    </div>
  );
}

/** The comparison page's section of the crawled sites; nothing when no site was crawled. */
export function CrawledSites({ doc, sites }: { doc: ComparisonDocument | null; sites: ResultSite[] }) {
  if (!doc?.site) return null;
  return (
    <Section
      title="Sites as crawled"
      id="site"
      subtitle="Every crawled page of each site: site scores, findings with the pages behind them, templates and structured data."
    >
      <SiteComparison section={doc.site} sites={sites} />
    </Section>
  );
}
