"""The comparison document, as served by ``GET /api/v1/competitive/{id}/comparison``.

These models are the contract: the OpenAPI schema (and the TypeScript types generated from
it) describe the document through them. Per-site values are maps keyed by the site's URL,
which is unique within a batch. Such maps carry no order (PostgreSQL's JSONB sorts object
keys): the batch order is that of ``sites`` and ``matrix.sites``; lists keep their order.
Every string that came from an analysed page (titles, headlines, calls to action, keywords,
display values) is plain data: nothing here is markup.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Direction = Literal["higher", "lower"]
Unit = Literal["ms", "bytes", "count", "ratio", "score", "bool", "unitless"]
CellStatus = Literal["pass", "fail", "n/a", "info", "error", "missing"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SiteHealth(_Model):
    status: Literal["healthy", "degraded"]
    reasons: list[str] = Field(default_factory=list)
    requested: int = Field(0, description="Stylesheets, scripts, fonts and images asked for")
    failed: int = Field(0, description="Those that failed to load")
    failed_share: float | None = None
    unstyled: bool | None = None
    blank: bool | None = None
    unreliable: list[str] = Field(
        default_factory=list,
        description="Categories whose results depend on what failed: they win no leader, "
        "strength or summary finding for this site",
    )


class Site(_Model):
    url: str
    name: str | None = Field(
        default=None,
        description="What to call the site: the label the user gave it, its og:site_name, "
        "the brand part of its title, or its host (unique within the batch; user or page "
        "text). None in older documents",
    )
    status: str = Field(
        description="The analysis status; ``excluded`` when it was left out (another "
        "analysis version or a duplicate URL)"
    )
    compared: bool = Field(description="Whether the site takes part in rankings and gaps")
    error: str | None
    is_primary: bool
    final_url: str | None = None
    title: str | None = None
    mode: str | None = None
    analysis_version: str | None = None
    scores: dict[str, float | None] = Field(
        default_factory=dict, description="Category id → score 0-100 (None: not scored)"
    )
    overall_score: float | None = None
    overall_rank: int | None = None
    security_grade: str | None = None
    render_health: SiteHealth | None = Field(
        default=None, description="How the page rendered; None for results older than it"
    )


class RankingEntry(_Model):
    rank: int = Field(description="Standard competition rank: equal scores share a rank")
    url: str
    score: float


class Ranking(_Model):
    category: str = Field(description="``overall`` or a category id")
    title: str
    entries: list[RankingEntry]
    leaders: list[str] = Field(
        description="Reliable sites whose score is within noise of the best reliable score"
    )
    leader: str | None = Field(
        description="The single leader; None on a tie (within noise) or without a reliable site"
    )
    spread: float | None = Field(description="Best score minus worst score")
    unranked: list[str] = Field(
        default_factory=list, description="Compared sites without a score here"
    )
    unreliable: list[str] = Field(
        default_factory=list,
        description="Sites whose score here depends on resources that failed to load: "
        "ranked, but never the leader",
    )


class Rankings(_Model):
    overall: Ranking
    overall_categories: list[str] = Field(
        description="The categories averaged into the overall score (those scored for "
        "every compared site)"
    )
    categories: list[Ranking]


class MetricRow(_Model):
    id: str
    label: str
    unit: Unit
    direction: Direction = Field(description="Whether a higher or a lower value is better")
    values: dict[str, float]
    leaders: list[str] = Field(
        description="Reliable sites whose value is within noise of the best reliable value"
    )
    leader: str | None
    best: float = Field(description="The best reliable value (the best value when none is)")
    worst: float
    median: float
    distance_to_leader: dict[str, float] = Field(description="|value - best| per site")
    ranks: dict[str, int]
    unreliable: list[str] = Field(
        default_factory=list,
        description="Sites whose value depends on resources that failed to load",
    )


class MatrixCell(_Model):
    status: CellStatus
    score: float | None = None
    display_value: str | None = None


class MatrixRow(_Model):
    id: str
    title: str
    description: str | None = None
    weight: float
    cells: dict[str, MatrixCell]
    passing: list[str]
    failing: list[str]


class MatrixCategory(_Model):
    category: str
    title: str
    audits: list[MatrixRow]


class Matrix(_Model):
    sites: list[str]
    categories: list[MatrixCategory]


class CategoryGap(_Model):
    category: str
    title: str
    score: float
    best_score: float
    best_urls: list[str]
    gap: float = Field(description="Points behind the best competitor")
    rank: int
    of: int


class MetricGap(_Model):
    id: str
    label: str
    unit: Unit
    direction: Direction
    value: float
    best_value: float
    best_urls: list[str]
    gap: float = Field(description="Absolute distance to the best competitor, in ``unit``")
    relative_gap: float = Field(description="gap / max(|value|, |best_value|), 0-1")


class Gaps(_Model):
    primary_url: str
    categories: list[CategoryGap]
    metrics: list[MetricGap]


class CompetitorExample(_Model):
    url: str
    score: float
    display_value: str | None = None
    evidence: list[str] = Field(
        default_factory=list,
        description="What the competitor's page has that a reader can check (its calls to "
        "action, logo, headline…), as found on it",
    )


class FailingItem(_Model):
    """One element, file or value of the site that makes the audit fail."""

    label: str = Field(description="A URL, an HTML snippet or CSS selector, or a value")
    kind: Literal["url", "element", "value"]
    note: str | None = Field(default=None, description="What is wrong with it, when known")
    bytes: int | None = Field(default=None, description="Its size, when it is a file")
    savings_bytes: int | None = Field(default=None, description="Bytes the fix saves")


class ServerSnippet(_Model):
    server: str = Field(description="nginx, Apache or Caddy")
    code: str


class Recommendation(_Model):
    audit_id: str
    action: str = Field(description="What to do, in the imperative, naming the worst item")
    title: str = Field(description="What is wrong, as the audit puts it")
    goal: str | None = Field(description="The audit's passing title: what to achieve")
    description: str | None = Field(description="What the audit checks")
    categories: list[str]
    kind: Literal["catch_up", "opportunity"] = Field(
        description="``catch_up``: competitors already pass it; ``opportunity``: none does"
    )
    severity: Literal["critical", "high", "medium", "low"]
    severity_reason: str = Field(description="Why it matters: the risk, WCAG level or cost")
    fix: list[str] = Field(description="Short steps that fix it")
    snippets: list[ServerSnippet] = Field(description="Server configuration that fixes it")
    items: list[FailingItem] = Field(description="The worst failing items, worst first")
    items_total: int = Field(description="How many failing items the audit found")
    savings_bytes: int | None = Field(
        default=None, description="Bytes saved by fixing every item, when measured"
    )
    savings_ms: int | None = Field(
        default=None,
        description="Milliseconds gained by reaching the audit's good mark, when measured",
    )
    score: float
    your_value: str | None = None
    best_competitor_score: float | None
    competitors_passing: list[str] = Field(
        description="Competitors that pass it, with real evidence (placeholder pages are not)"
    )
    competitors_total: int
    adoption: float = Field(description="Share of competitors that pass the audit")
    potential_points: float = Field(
        description="Overall-score points gained by matching the best competitor "
        "(or by passing, when no competitor does better)"
    )
    impact: float = Field(
        description="Expected gain: the ranking key (see ``recommendations_order``)"
    )
    competitors: list[CompetitorExample] = Field(
        description="Competitors that do better, best first"
    )


class SiteRecommendations(_Model):
    url: str
    items: list[Recommendation]


class Standing(_Model):
    kind: Literal["category", "metric", "audit"]
    id: str
    label: str
    text: str
    value: float | None = None
    reference: float | None = Field(
        default=None,
        description="For a strength the runner-up's value; for a weakness the leader's",
    )
    margin: float | None = None


class SiteStandings(_Model):
    url: str
    strengths: list[Standing]
    weaknesses: list[Standing]


class TechnologyUse(_Model):
    version: str | None = None
    confidence: float | None = None


class TechnologyRow(_Model):
    name: str
    categories: list[str]
    website: str | None = None
    icon: str | None = None
    sites: dict[str, TechnologyUse]
    used_by: list[str]


class TechnologyGroup(_Model):
    category: str
    technologies: list[TechnologyRow]


class VersionRow(_Model):
    name: str
    versions: dict[str, str | None]


class PossibleTechnology(_Model):
    name: str
    confidence: float | None = None


class TechnologySection(_Model):
    available: bool = Field(description="Whether any compared site has technology data")
    sites_with_data: list[str]
    sites_without_data: list[str]
    unavailable: dict[str, str] = Field(
        default_factory=dict, description="Why detection gave nothing, per site, when known"
    )
    groups: list[TechnologyGroup]
    shared: list[str] = Field(description="Used by every site with data")
    unique: dict[str, list[str]] = Field(description="Used by that site alone")
    versions: list[VersionRow] = Field(
        description="Technologies used by several sites with a known version somewhere"
    )
    possible: dict[str, list[PossibleTechnology]] = Field(
        default_factory=dict,
        description="Per site, technologies whose only evidence is below the confidence floor "
        "(DOM-only hints): possible, not facts, and in none of the lists above",
    )


class Keyword(_Model):
    keyword: str
    score: float


class SiteContent(_Model):
    url: str
    headline: str | None = None
    hero_text: str | None = None
    ctas: list[str] = Field(default_factory=list)
    language: str | None = None
    word_count: float | None = None
    reading_minutes: float | None = None
    reading_ease: float | None = None
    reading_grade: float | None = None
    keywords: list[str] = Field(default_factory=list)
    distinctive_keywords: list[Keyword] = Field(
        default_factory=list, description="TF-IDF of the site's keywords against the others"
    )


class VocabularyOverlap(_Model):
    a: str
    b: str
    similarity: float = Field(description="Jaccard index of the two keyword sets, 0-1")
    shared: list[str]


class ContentSection(_Model):
    sites: list[SiteContent]
    shared_keywords: list[str] = Field(description="Keywords of every site with keywords")
    overlap: list[VocabularyOverlap]


class SiteDesign(_Model):
    url: str
    palette: list[str] = Field(default_factory=list)
    theme_color: str | None = None
    brand_color: str | None = Field(default=None, description="From the rendered page")
    accent_color: str | None = None
    fonts: list[str] = Field(default_factory=list)
    heading_font: str | None = Field(default=None, description="From the rendered page")
    body_font: str | None = None
    font_services: list[str] = Field(default_factory=list)
    distinct_colors: float | None = None
    distinct_font_sizes: float | None = None
    font_family_count: float | None = None
    has_logo: bool | None = None
    dark_mode: bool | None = None


class DesignSection(_Model):
    sites: list[SiteDesign]
    shared_fonts: list[str]
    shared_colors: list[str]


class SiteFigureRow(_Model):
    """One headline figure of the crawled sites, side by side."""

    id: str
    label: str
    unit: Unit
    direction: Direction | None = Field(
        description="Whether more is better; None when neither is (e.g. pages crawled)"
    )
    values: dict[str, float | None] = Field(description="Per site; None: cannot tell")
    leaders: list[str] = Field(
        default_factory=list,
        description="Sites within noise of the best value (with a "
        "direction, and a difference beyond noise)",
    )


class SiteFindingRow(_Model):
    """One site-level audit across the crawled sites: how many pages or links each has."""

    id: str
    title: str
    severity: Literal["critical", "high", "medium", "low", "info"]
    category: str | None = Field(description="The site score it deducts from, if any")
    counts: dict[str, int | None] = Field(
        description="Per site: pages, links or groups found; None: not applicable or "
        "cannot tell (see ``notes``)"
    )
    checked: dict[str, int] = Field(description="Per site: what was checked")
    notes: dict[str, str] = Field(default_factory=dict, description="Per site, when given")
    best: list[str] = Field(
        description="Sites with the smallest share of what they had checked (pages, links "
        "or groups found out of those checked; a point apart is beyond noise); empty when "
        "all are alike or it is information only"
    )
    text: str | None = Field(
        default=None, description="The primary site against the best competitor, in words"
    )


class TemplateRow(_Model):
    template: str
    pages: dict[str, int] = Field(description="Pages of the template per site")


class TemplateCoverage(_Model):
    template: str
    pages: int = Field(description="Pages of the template")
    marked: int = Field(description="Those with the type")
    share: float


class StructuredDataRow(_Model):
    """A schema.org type: per site, the template where it marks the most pages, and its share."""

    type: str
    coverage: dict[str, TemplateCoverage | None]
    leaders: list[str]
    text: str | None = None


class SiteScoreEvidence(_Model):
    pages_score: float = Field(description="Mean of the template means of the pages' scores")
    pages: int
    deductions: dict[str, float] = Field(description="Finding id → points taken off")
    lowest_pages: list[str] = Field(description="The pages with the lowest scores, lowest first")


class SiteScoreRow(_Model):
    category: str
    title: str
    scores: dict[str, float | None]
    ranks: dict[str, int] = Field(
        default_factory=dict, description="Standard competition rank of each scored site"
    )
    leaders: list[str]
    leader: str | None
    evidence: dict[str, SiteScoreEvidence]


class SiteTopic(_Model):
    """A main topic of a crawled site: a term weighted across its pages."""

    term: str = Field(description="Page text (a word of the pages' main text)")
    pages: int = Field(description="Pages with the term among their keywords")
    weight: float = Field(
        description="The sum over those pages of the term's count relative to the page's top "
        "keyword (plus 0.5 when in the page's H1)"
    )


class SiteSection(_Model):
    """The sites as crawled: only in batches whose sites carry a crawl (``result["site"]``)."""

    sites: list[str] = Field(description="Compared sites with a crawl, in batch order")
    without_crawl: list[str] = Field(description="Compared sites analysed as one page")
    scores_rule: str
    figures: list[SiteFigureRow]
    findings: list[SiteFindingRow]
    templates: list[TemplateRow]
    structured_data: list[StructuredDataRow]
    scores: list[SiteScoreRow]
    topics: dict[str, list[SiteTopic]] = Field(
        default_factory=dict,
        description="Per crawled site, its main topics, the weightiest first (empty: no page "
        "had keywords, e.g. a crawl made before Aura kept them)",
    )
    statements: list[str] = Field(
        description="What the primary site does worse or better than the others, in words "
        "(site names are user or page text)"
    )
    reports: dict[str, dict[str, Any]] = Field(
        description="Each site's site report (``aura.crawl.site.site_report``): findings "
        "with the pages behind them; page URLs and values are page text"
    )

    def topic_rows(self, columns: list[str]) -> list[list[SiteTopic | None]]:
        """The topics as a grid: a row per rank (the first topics first), a cell per site of
        ``columns`` (None where a site has fewer topics, or no crawl)."""
        most = max((len(found) for found in self.topics.values()), default=0)
        found = [self.topics.get(url, []) for url in columns]
        return [
            [topics[rank] if rank < len(topics) else None for topics in found]
            for rank in range(most)
        ]


class Finding(_Model):
    kind: Literal["partial", "overall", "category", "metric", "audit", "technology"]
    text: str
    url: str | None = None
    category: str | None = None


class ComparisonDocument(_Model):
    comparison_version: str
    analysis_version: str | None
    primary_url: str | None
    partial: bool = Field(description="Some URLs were not compared (failed or excluded)")
    compared: int = Field(description="How many sites were compared")
    total: int
    notes: list[str]
    sites: list[Site]
    rankings: Rankings
    metrics: list[MetricRow]
    matrix: Matrix
    gaps: Gaps | None = Field(description="Only when the primary site was compared")
    recommendations: list[SiteRecommendations] = Field(
        description="For the primary site, or for each site when there is no primary"
    )
    recommendations_order: str = Field(description="One line: how recommendations are ranked")
    strengths: list[SiteStandings]
    technology: TechnologySection
    content: ContentSection
    design: DesignSection
    summary: list[Finding]
    site: SiteSection | None = Field(
        default=None, description="The site-level comparison, when the sites were crawled"
    )
