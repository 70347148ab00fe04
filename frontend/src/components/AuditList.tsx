import { useState } from "react";
import { auditVerdict, type AuditEntry, type AuditVerdict } from "../lib/report";

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
  // Shown as text (JSON), never as markup: details may quote the analysed page.
  const text = JSON.stringify(details, null, 2);
  return <pre className="details">{text.length > 6000 ? `${text.slice(0, 6000)}\n…` : text}</pre>;
}

function AuditItem({ audit }: { audit: AuditEntry }) {
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
          <DetailsValue details={audit.details} />
        </div>
      )}
    </li>
  );
}

const ORDER: AuditVerdict[] = ["error", "fail", "average", "info", "pass", "na"];

export function AuditList({ audits }: { audits: AuditEntry[] }) {
  if (!audits.length) return <p className="muted">No audits in this category.</p>;
  const sorted = [...audits].sort((a, b) => ORDER.indexOf(auditVerdict(a)) - ORDER.indexOf(auditVerdict(b)));
  return (
    <ul className="audits">
      {sorted.map((audit) => (
        <AuditItem key={audit.id} audit={audit} />
      ))}
    </ul>
  );
}
