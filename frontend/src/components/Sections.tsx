import type { ComparisonDocument, Finding } from "../api/types";
import { formatValue, hostOf } from "../lib/format";
import type { ResultSite } from "../lib/results";
import { Unavailable } from "./States";

const FINDING_ICON: Record<string, string> = {
  overall: "★",
  category: "◆",
  metric: "▲",
  audit: "✓",
  technology: "⚙",
  partial: "!",
};

/** The notes, less those that say again what a finding already says: a site left out of
 *  the comparison is a finding ("… is left out: reason") and a note ("… is not compared"). */
export function notesNotInFindings(notes: string[], findings: Finding[]): string[] {
  const leftOut = findings.filter((f) => f.kind === "partial" && f.url).map((f) => f.url!);
  return notes.filter(
    (note) =>
      !leftOut.some((url) => note.startsWith(`${url} is not compared`) || note === `The primary site ${url} could not be compared`),
  );
}

export function SummaryFindings({ doc, sites }: { doc: ComparisonDocument | null; sites: ResultSite[] }) {
  if (!doc) {
    const ranked = [...sites].filter((s) => s.overall !== null).sort((a, b) => (b.overall ?? 0) - (a.overall ?? 0));
    const own = sites.find((s) => s.isPrimary);
    if (!ranked.length) return <Unavailable>No summary: no site could be scored.</Unavailable>;
    return (
      <ul className="findings">
        <li className="finding finding--overall">
          <span className="finding__icon" aria-hidden="true">★</span>
          <span>
            {ranked[0]!.label} leads overall with {Math.round(ranked[0]!.overall ?? 0)}.
          </span>
        </li>
        {own && own.overall !== null && (
          <li className="finding">
            <span className="finding__icon" aria-hidden="true">◆</span>
            <span>
              Your site scores {Math.round(own.overall)}, ranked {ranked.indexOf(own) + 1} of {ranked.length}.
            </span>
          </li>
        )}
      </ul>
    );
  }
  const findings: Finding[] = doc.summary;
  const notes = notesNotInFindings(doc.notes, findings);
  return (
    <>
      {findings.length ? (
        <ul className="findings">
          {findings.map((finding, index) => (
            <li key={index} className={`finding finding--${finding.kind}`}>
              <span className="finding__icon" aria-hidden="true">
                {FINDING_ICON[finding.kind] ?? "•"}
              </span>
              <span>{finding.text}</span>
            </li>
          ))}
        </ul>
      ) : (
        <Unavailable>No findings for this comparison.</Unavailable>
      )}
      {notes.length > 0 && (
        <ul className="notes">
          {notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function siteLabel(url: string, sites: ResultSite[]): string {
  return sites.find((s) => s.url === url)?.label ?? hostOf(url);
}

export function TechnologyMatrix({ doc, sites }: { doc: ComparisonDocument | null; sites: ResultSite[] }) {
  const section = doc?.technology;
  if (!section || !section.available || section.groups.length === 0) {
    const fallback = sites.filter((s) => s.report?.facts.technologies.length);
    if (!fallback.length) {
      // Detection that did not run (no fingerprint data…) is not "nothing detected".
      const reasons = [...new Set(Object.values(section?.unavailable ?? {}))];
      if (reasons.length) return <Unavailable>{reasons.join(" ")}</Unavailable>;
      return <Unavailable>No technology was detected on these sites.</Unavailable>;
    }
  }
  const columns = sites.filter((s) => (section ? !section.sites_without_data.includes(s.url) || s.isPrimary : true));
  const groups = section?.groups.length
    ? section.groups
    : [
        {
          category: "Detected",
          technologies: [...new Set(sites.flatMap((s) => s.report?.facts.technologies ?? []))].map((name) => ({
            name,
            categories: [],
            sites: Object.fromEntries(
              sites.filter((s) => s.report?.facts.technologies.includes(name)).map((s) => [s.url, { version: null }]),
            ),
            used_by: [],
          })),
        },
      ];
  return (
    <div className="grid-scroll">
      <table className="matrix">
        <thead>
          <tr>
            <th scope="col">Technology</th>
            {columns.map((site) => (
              <th key={site.url} scope="col" className={site.isPrimary ? "is-primary" : undefined}>
                {site.label}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.category}>
            <tr className="matrix__group">
              <th colSpan={columns.length + 1} scope="colgroup">
                {group.category}
              </th>
            </tr>
            {group.technologies.map((tech) => (
              <tr key={tech.name}>
                <th scope="row">{tech.name}</th>
                {columns.map((site) => {
                  const use = (tech.sites as Record<string, { version?: string | null } | undefined>)[site.url];
                  return (
                    <td key={site.url} className={use ? "matrix__yes" : "matrix__no"}>
                      {use ? (
                        <>
                          <span aria-hidden="true">●</span>
                          <span className="visually-hidden">used</span>
                          {use.version && <span className="matrix__version">{use.version}</span>}
                        </>
                      ) : (
                        <span className="muted" aria-label="not used">
                          –
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      {section && section.sites_without_data.length > 0 && (
        <p className="muted small">No technology data for: {section.sites_without_data.map((u) => siteLabel(u, sites)).join(", ")}</p>
      )}
      {section?.possible && Object.keys(section.possible).length > 0 && (
        <div className="possible-tech">
          <h4>Possibly also used</h4>
          <p className="muted small">Hints in the page below the detection's confidence floor: possible, not established.</p>
          <ul className="plain-list">
            {Object.entries(section.possible).map(([url, items]) => (
              <li key={url}>
                <strong>{siteLabel(url, sites)}</strong>:{" "}
                {items.map((item) => `${item.name}${item.confidence !== null && item.confidence !== undefined ? ` (${item.confidence}%)` : ""}`).join(", ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

interface ContentColumn {
  site: ResultSite;
  headline: string | null;
  ctas: string[];
  keywords: string[];
  distinctive: string[];
  words: number | null;
  ease: number | null;
}

export function ContentSideBySide({ doc, sites }: { doc: ComparisonDocument | null; sites: ResultSite[] }) {
  const byUrl = new Map((doc?.content.sites ?? []).map((c) => [c.url, c]));
  const columns: ContentColumn[] = sites.map((site) => {
    const content = byUrl.get(site.url);
    const facts = site.report?.facts;
    return {
      site,
      headline: content?.headline ?? facts?.headline ?? null,
      ctas: content?.ctas ?? facts?.ctas ?? [],
      keywords: content?.keywords ?? facts?.keywords ?? [],
      distinctive: (content?.distinctive_keywords ?? []).map((k) => k.keyword),
      words: content?.word_count ?? site.report?.metrics.word_count ?? null,
      ease: content?.reading_ease ?? site.report?.metrics.reading_ease ?? null,
    };
  });
  if (!columns.some((c) => c.headline || c.ctas.length || c.keywords.length)) {
    return <Unavailable>No content was extracted from these pages.</Unavailable>;
  }
  const shared = new Set(doc?.content.shared_keywords ?? []);
  return (
    <div className="side-by-side">
      {columns.map(({ site, headline, ctas, keywords, distinctive, words, ease }) => (
        <div key={site.url} className={`side${site.isPrimary ? " side--primary" : ""}`}>
          <h3 className="side__title">
            {site.isPrimary && <span className="tag tag--primary">You</span>} {site.label}
          </h3>
          <p className="side__label">Headline</p>
          <p className="side__headline">{headline ?? <span className="muted">No headline</span>}</p>
          <p className="side__label">Calls to action</p>
          {ctas.length ? (
            <ul className="chips">
              {ctas.slice(0, 6).map((cta, i) => (
                <li key={i} className="chip chip--cta">
                  {cta}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None found</p>
          )}
          <p className="side__label">{distinctive.length ? "Distinctive keywords" : "Keywords"}</p>
          <ul className="chips">
            {(distinctive.length ? distinctive : keywords).slice(0, 10).map((word, i) => (
              <li key={i} className={`chip${shared.has(word) ? " chip--shared" : ""}`}>
                {word}
              </li>
            ))}
          </ul>
          <p className="side__stats muted small">
            {words !== null && <span>{formatValue(words, "count")} words</span>}
            {ease !== null && <span> · reading ease {Math.round(ease)}</span>}
          </p>
        </div>
      ))}
    </div>
  );
}

export function DesignSideBySide({ doc, sites }: { doc: ComparisonDocument | null; sites: ResultSite[] }) {
  const byUrl = new Map((doc?.design.sites ?? []).map((d) => [d.url, d]));
  const safeColour = (c: string) => /^#[0-9a-f]{3,8}$/i.test(c) || /^(rgb|hsl)a?\([\d\s.,%/]+\)$/i.test(c);
  const columns = sites.map((site) => {
    const design = byUrl.get(site.url);
    return {
      site,
      palette: (design?.palette ?? site.report?.facts.palette ?? []).filter(safeColour),
      fonts: design?.fonts ?? site.report?.facts.fonts ?? [],
      services: design?.font_services ?? site.report?.facts.fontServices ?? [],
    };
  });
  if (!columns.some((c) => c.palette.length || c.fonts.length)) {
    return <Unavailable>No design facts were extracted from these pages.</Unavailable>;
  }
  return (
    <div className="side-by-side">
      {columns.map(({ site, palette, fonts, services }) => (
        <div key={site.url} className={`side${site.isPrimary ? " side--primary" : ""}`}>
          <h3 className="side__title">
            {site.isPrimary && <span className="tag tag--primary">You</span>} {site.label}
          </h3>
          <p className="side__label">Palette</p>
          {palette.length ? (
            <ul className="swatches">
              {palette.slice(0, 12).map((colour) => (
                <li key={colour} className="swatch" title={colour}>
                  <span className="swatch__chip" style={{ backgroundColor: colour }} />
                  <span className="swatch__code">{colour}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No colours found</p>
          )}
          <p className="side__label">Fonts</p>
          {fonts.length ? (
            <ul className="font-list">
              {fonts.slice(0, 5).map((font) => (
                <li key={font}>{font}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No fonts declared</p>
          )}
          {services.length > 0 && <p className="muted small">Served by {services.join(", ")}</p>}
        </div>
      ))}
    </div>
  );
}
