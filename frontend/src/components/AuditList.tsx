import { useState } from "react";
import { auditVerdict, type AuditEntry, type AuditVerdict } from "../lib/report";
import { AuditDetails } from "./AuditDetails";

const VERDICT_TEXT: Record<AuditVerdict, string> = {
  pass: "Pass",
  average: "Needs work",
  fail: "Fail",
  na: "n/a",
  info: "Info",
  error: "Error",
};

export function VerdictBadge({ verdict }: { verdict: AuditVerdict }) {
  return <span className={`verdict verdict--${verdict}`}>{VERDICT_TEXT[verdict]}</span>;
}

function DetailsValue({ details }: { details: unknown }) {
  if (details === null || details === undefined) return null;
  if (typeof details === "object" && !Array.isArray(details) && Object.keys(details).length === 0) return null;
  if (Array.isArray(details) && details.length === 0) return null;
  // Results served before typed details (`view`): shown as text (JSON), never as markup.
  const text = JSON.stringify(details, null, 2);
  return <pre className="details">{text.length > 6000 ? `${text.slice(0, 6000)}\n…` : text}</pre>;
}

function AuditItem({ audit, baseUrl }: { audit: AuditEntry; baseUrl: string }) {
  const [open, setOpen] = useState(false);
  const verdict = auditVerdict(audit);
  return (
    <li className={`audit audit--${verdict}`}>
      <button type="button" className="audit__summary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <VerdictBadge verdict={verdict} />
        <span className="audit__title">{audit.title}</span>
        <span className="audit__value">{audit.error ?? audit.displayValue}</span>
        <span className="audit__chevron" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
      </button>
      {open && (
        <div className="audit__body">
          {audit.description && <p>{audit.description}</p>}
          <p className="muted small">
            Audit <code>{audit.id}</code>
            {audit.score !== null && ` · score ${Math.round(audit.score * 100)}`}
            {audit.weight ? ` · weight ${audit.weight}` : ""}
          </p>
          {audit.view ? <AuditDetails blocks={audit.view} baseUrl={baseUrl} /> : <DetailsValue details={audit.details} />}
        </div>
      )}
    </li>
  );
}

function Fold({ label, audits, baseUrl }: { label: string; audits: AuditEntry[]; baseUrl: string }) {
  if (!audits.length) return null;
  return (
    <details className="audit-fold">
      <summary>
        {label} ({audits.length})
      </summary>
      <ul className="audits">
        {audits.map((audit) => (
          <AuditItem key={audit.id} audit={audit} baseUrl={baseUrl} />
        ))}
      </ul>
    </details>
  );
}

const ORDER: AuditVerdict[] = ["error", "fail", "average", "info", "pass", "na"];
const FOLDED = new Set<AuditVerdict>(["pass", "na"]);

/** A category's audits: what needs attention first; passed and not-applicable audits fold
 * away, as in Lighthouse's report. `baseUrl` (the page) resolves relative links. */
export function AuditList({ audits, baseUrl = "" }: { audits: AuditEntry[]; baseUrl?: string }) {
  if (!audits.length) return <p className="muted">No audits in this category.</p>;
  const sorted = [...audits].sort((a, b) => ORDER.indexOf(auditVerdict(a)) - ORDER.indexOf(auditVerdict(b)));
  const shown = sorted.filter((audit) => !FOLDED.has(auditVerdict(audit)));
  const passed = sorted.filter((audit) => auditVerdict(audit) === "pass");
  const notApplicable = sorted.filter((audit) => auditVerdict(audit) === "na");
  return (
    <>
      {shown.length > 0 && (
        <ul className="audits">
          {shown.map((audit) => (
            <AuditItem key={audit.id} audit={audit} baseUrl={baseUrl} />
          ))}
        </ul>
      )}
      <Fold label="Passed audits" audits={passed} baseUrl={baseUrl} />
      <Fold label="Not applicable" audits={notApplicable} baseUrl={baseUrl} />
    </>
  );
}
