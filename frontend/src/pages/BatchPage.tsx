import { useCallback, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError } from "../api/client";
import type { Analysis, Batch } from "../api/types";
import { StatusBadge } from "../components/Badges";
import { BatchProgressTracker } from "../components/BatchProgressTracker";
import { CellDrawer, type CellSelection } from "../components/CellDrawer";
import { CategoryRadar, MetricBars } from "../components/Charts";
import { ComparisonGrid } from "../components/ComparisonGrid";
import { CompetitorCard } from "../components/CompetitorCard";
import {
  ContentSideBySide,
  DesignSideBySide,
  SummaryFindings,
  TechnologyMatrix,
} from "../components/Sections";
import { RecommendationList } from "../components/Recommendations";
import { CrawledSites } from "../components/SiteComparison";
import { CrawlPages } from "../components/CrawlPages";
import { crawlOf } from "../lib/crawlPages";
import { documentOf } from "../lib/results";
import { ExportMenu } from "../components/ExportMenu";
import { EmptyState, ErrorState, Loading, Section } from "../components/States";
import {
  rerunBody,
  useAnalyses,
  useBatch,
  useCancelBatch,
  useComparison,
  useCreateBatch,
  useDeleteBatch,
} from "../hooks/queries";
import { usePageTitle } from "../hooks/title";
import { useBatchSocket } from "../hooks/useBatchSocket";
import { formatDate, hostOf } from "../lib/format";
import { hasComparison, isFinished } from "../lib/progress";
import { buildResults, type ResultSite } from "../lib/results";

function BatchActions({ batch }: { batch: Batch }) {
  const navigate = useNavigate();
  const rerun = useCreateBatch();
  const cancel = useCancelBatch();
  const remove = useDeleteBatch();
  const running = !isFinished(batch.status);
  const error = rerun.error ?? cancel.error ?? remove.error;
  const hasResults = hasComparison(batch);
  return (
    <div className="actions">
      {hasResults && <ExportMenu batchId={batch.id} crawled={batch.urls.some((u) => crawlOf(u))} />}
      {running && (
        <button type="button" className="button button--ghost" disabled={cancel.isPending} onClick={() => cancel.mutate(batch.id)}>
          Cancel
        </button>
      )}
      {!running && (
        <button
          type="button"
          className="button button--ghost"
          disabled={rerun.isPending}
          onClick={() => rerun.mutate(rerunBody(batch), { onSuccess: (created) => navigate(`/batches/${created.id}`) })}
        >
          Re-run
        </button>
      )}
      <button
        type="button"
        className="button button--ghost button--danger-text"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm("Delete this comparison and its reports?")) {
            remove.mutate(batch.id, { onSuccess: () => navigate("/") });
          }
        }}
      >
        Delete
      </button>
      {error && <p className="field-error">{error.message}</p>}
    </div>
  );
}

function Results({ batch }: { batch: Batch }) {
  const comparison = useComparison(batch);
  const ids = useMemo(() => batch.urls.filter((u) => u.status === "completed").map((u) => u.analysis_id), [batch.urls]);
  const analysisQueries = useAnalyses(ids);
  const analyses = useMemo(() => {
    const map: Record<string, Analysis | undefined> = {};
    analysisQueries.forEach((query, index) => {
      map[ids[index]!] = query.data;
    });
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, ...analysisQueries.map((q) => q.dataUpdatedAt)]);
  const [selection, setSelection] = useState<CellSelection | null>(null);
  const close = useCallback(() => setSelection(null), []);

  const loadingAnalyses = analysisQueries.some((q) => q.isPending);
  if (comparison.isPending || loadingAnalyses) return <Loading label="Loading the comparison…" />;
  if (comparison.isError) {
    return <ErrorState error={comparison.error} title="The comparison could not be loaded" onRetry={() => void comparison.refetch()} />;
  }
  const results = buildResults(batch, analyses, comparison.data);
  const { document: doc } = results;
  const cardSites: ResultSite[] = [...results.sites].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const techOf = (site: ResultSite): string[] => {
    const fromDoc = (doc?.technology.groups ?? []).flatMap((g) => g.technologies.filter((t) => site.url in t.sites).map((t) => t.name));
    return fromDoc.length ? fromDoc : (site.report?.facts.technologies ?? []);
  };
  const categoryTitles = Object.fromEntries((doc?.rankings.categories ?? []).map((r) => [r.category, r.title]));

  return (
    <div className="stack">
      <Section title="Summary" id="summary">
        <SummaryFindings doc={doc} sites={results.compared} />
      </Section>

      <Section title="Side by side" id="grid" subtitle="The best value of each row is highlighted. Click a row to order the sites by it, a cell for its details.">
        {results.compared.length ? (
          <ComparisonGrid sites={results.compared} rows={results.rows} onCellClick={(row, site) => setSelection({ row, site })} />
        ) : (
          <EmptyState title="No site could be compared" />
        )}
      </Section>

      <div className="card-grid">
        {cardSites.map((site) => (
          <CompetitorCard
            key={site.url}
            site={site}
            technologies={techOf(site)}
            standings={doc?.strengths.find((s) => s.url === site.url)}
            categoryTitles={categoryTitles}
            technologyKnown={!doc || doc.technology.sites_with_data.includes(site.url)}
          />
        ))}
      </div>

      <div className="two-col">
        <Section title="Category scores" id="radar">
          <CategoryRadar sites={results.compared} rows={results.rows} />
        </Section>
        <Section title="Recommendations for your site" id="recommendations" subtitle="What to fix first: the order is the expected gain for your site.">
          <RecommendationList doc={doc} sites={results.sites} />
        </Section>
      </div>

      <CrawledSites doc={doc} sites={results.sites} />

      <Section title="Key metrics" id="metrics">
        <MetricBars sites={results.compared} rows={results.rows} />
      </Section>

      <Section title="Technology" id="technology">
        <TechnologyMatrix doc={doc} sites={results.compared} />
      </Section>

      <Section title="Content" id="content" subtitle="What each page says first, what it asks visitors to do, and the words that set it apart.">
        <ContentSideBySide doc={doc} sites={results.compared} />
      </Section>

      <Section title="Design" id="design">
        <DesignSideBySide doc={doc} sites={results.compared} />
      </Section>

      {selection && <CellDrawer selection={selection} sites={results.compared} doc={doc} onClose={close} />}
    </div>
  );
}

/** The crawled pages of each site, with the crawl's progress; templates from the comparison. */
function CrawledPagesSection({ batch }: { batch: Batch }) {
  const comparison = useComparison(batch);
  if (!batch.urls.some((u) => crawlOf(u))) return null;
  const templates = documentOf(comparison.data)?.site?.templates.map((t) => t.template) ?? [];
  return (
    <Section title="Crawled pages" id="pages" subtitle="Each site's pages as crawled: filter by template, state or failing audit.">
      <CrawlPages batch={batch} templates={templates} />
    </Section>
  );
}

export function BatchPage() {
  const { batchId = "" } = useParams();
  const batch = useBatch(batchId);
  const data = batch.data;
  const finished = data ? isFinished(data.status) : false;
  const connection = useBatchSocket(batchId, !!data && !finished);
  const own = data?.urls.find((u) => u.is_primary) ?? data?.urls[0];
  const title = data?.name ?? (own ? `${hostOf(own.url)} vs competitors` : "Comparison");
  usePageTitle(title);

  if (batch.isPending) return <Loading label="Loading the comparison…" />;
  if (!data) {
    if (batch.error instanceof ApiError && (batch.error.status === 404 || batch.error.status === 422)) {
      return (
        <EmptyState title="This comparison does not exist" action={<Link to="/" className="button">Back to comparisons</Link>}>
          It may have been deleted.
        </EmptyState>
      );
    }
    return <ErrorState error={batch.error} title="Could not load this comparison" onRetry={() => void batch.refetch()} />;
  }

  const hasResults = hasComparison(data);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/">Comparisons</Link> /
          </p>
          <h1>{title}</h1>
          <p className="muted">
            <StatusBadge status={data.status} /> {data.total_urls} sites · {data.mode} mode · started {formatDate(data.created_at)}
          </p>
        </div>
        <BatchActions batch={data} />
      </div>
      {!hasResults && <BatchProgressTracker batch={data} connection={connection} />}
      {data.status === "failed" && (
        <ErrorState error={new Error(data.error ?? "No URL could be analysed.")} title="This comparison failed" />
      )}
      {data.status === "cancelled" && <EmptyState title="This comparison was cancelled">Re-run it to get results.</EmptyState>}
      {hasResults && <Results batch={data} />}
      <CrawledPagesSection batch={data} />
      {hasResults && <BatchProgressTracker batch={data} connection={connection} />}
    </div>
  );
}
