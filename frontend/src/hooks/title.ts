import { useEffect } from "react";

/** The tab's title: the page's own words first, so that tabs and history tell pages apart. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Aura` : "Aura · competitive website analysis";
  }, [title]);
}

/** The link to a site's report from a comparison, which the report links back to. */
export function reportPath(analysisId: string, batchId: string | undefined): string {
  const path = `/analyses/${encodeURIComponent(analysisId)}`;
  return batchId ? `${path}?batch=${encodeURIComponent(batchId)}` : path;
}
