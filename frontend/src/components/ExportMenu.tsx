import { useState } from "react";
import { apiFetch } from "../api/client";
import type { paths } from "../api/schema";

type ExportFormat = NonNullable<
  NonNullable<paths["/api/v1/competitive/{batch_id}/export"]["get"]["parameters"]["query"]>["format"]
>;

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: "html", label: "HTML report" },
  { format: "pdf", label: "PDF (printed report)" },
  { format: "md", label: "Markdown" },
  { format: "csv", label: "CSV (metrics)" },
  { format: "json", label: "JSON" },
];
/** Offered when a site was crawled: every crawled page, a row each. */
const PAGES_FORMAT: { format: ExportFormat; label: string } = { format: "pages-csv", label: "CSV (crawled pages)" };

function fileName(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

/** Downloads the comparison as a file; fetched with the API token, then saved from a blob. */
export function ExportMenu({ batchId, crawled = false }: { batchId: string; crawled?: boolean }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const response = await apiFetch(`/api/v1/competitive/${encodeURIComponent(batchId)}/export?format=${format}`);
      if (!response.ok) throw new Error(`export failed (${response.status})`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName(response.headers.get("Content-Disposition"), `aura-comparison.${format}`);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <details className="menu">
      <summary className="button button--ghost">Export ▾</summary>
      <div className="menu__list" role="menu">
        {(crawled ? [...FORMATS, PAGES_FORMAT] : FORMATS).map(({ format, label }) => (
          <button key={format} type="button" role="menuitem" className="menu__item" disabled={busy !== null} onClick={() => void download(format)}>
            {busy === format ? "Preparing…" : label}
          </button>
        ))}
        {error && <p className="field-error">{error}</p>}
      </div>
    </details>
  );
}
