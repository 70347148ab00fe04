// An audit's details, rendered by type from the blocks the API serves (`view`, made by
// src/aura/audit/details.py): tables with typed columns, lists and properties. Every value is
// the analysed page's text and is rendered as text; only http(s) URLs become links.
import { formatValue } from "../lib/format";
import type { DetailBlock, DetailNode, DetailValueType } from "../lib/report";

const UNITS: Partial<Record<DetailValueType, string>> = {
  bytes: "bytes",
  ms: "ms",
  seconds: "seconds",
  ratio: "ratio",
  numeric: "count",
};
const NUMERIC = new Set<DetailValueType>(["bytes", "ms", "seconds", "ratio", "numeric"]);
const COLOUR = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** Where a URL of the details points, resolved against the page; null unless http(s). */
export function linkTarget(value: string, baseUrl: string): string | null {
  try {
    const target = new URL(value.trim(), baseUrl || undefined);
    return target.protocol === "http:" || target.protocol === "https:" ? target.href : null;
  } catch {
    return null;
  }
}

function isNode(value: unknown): value is DetailNode {
  return typeof value === "object" && value !== null && ("selector" in value || "snippet" in value);
}

export function DetailValue({ value, type, baseUrl }: { value: unknown; type: DetailValueType; baseUrl: string }) {
  if (value === null || value === undefined) return <span className="muted">none</span>;
  if (isNode(value)) {
    return (
      <span className="detail-node">
        {value.selector && <code className="detail-node__selector">{value.selector}</code>}
        {value.snippet && <code className="detail-node__snippet">{value.snippet}</code>}
      </span>
    );
  }
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  if (typeof value === "number") return <>{formatValue(value, UNITS[type] ?? "count")}</>;
  const text = String(value);
  if (type === "url") {
    const target = linkTarget(text, baseUrl);
    return target ? (
      <a href={target} target="_blank" rel="noopener noreferrer nofollow" className="detail-link">
        {text}
      </a>
    ) : (
      <>{text}</>
    );
  }
  if (type === "code") return <code className="detail-code">{text}</code>;
  if (type === "color" && COLOUR.test(text)) {
    return (
      <span className="detail-colour">
        <span className="swatch" style={{ background: text }} aria-hidden="true" />
        <code>{text}</code>
      </span>
    );
  }
  return <>{text}</>;
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className="muted small">
      {shown} of {total} shown
    </p>
  ) : null;
}

function Block({ block, baseUrl }: { block: DetailBlock; baseUrl: string }) {
  const title = block.title ? <h4 className="detail-block__title">{block.title}</h4> : null;
  if (block.type === "table") {
    return (
      <div className="detail-block">
        {title}
        <div className="grid-scroll">
          <table className="detail-table">
            <thead>
              <tr>
                {block.columns.map((column) => (
                  <th key={column.key} scope="col" className={NUMERIC.has(column.type) ? "num" : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {block.columns.map((column) => (
                    <td key={column.key} className={NUMERIC.has(column.type) ? "num" : undefined}>
                      <DetailValue value={row[column.key]} type={column.type} baseUrl={baseUrl} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <More shown={block.rows.length} total={block.total} />
      </div>
    );
  }
  if (block.type === "list") {
    return (
      <div className="detail-block">
        {title}
        <ul className="detail-list">
          {block.items.map((item, index) => (
            <li key={index}>
              <DetailValue value={item} type={block.item_type} baseUrl={baseUrl} />
            </li>
          ))}
        </ul>
        <More shown={block.items.length} total={block.total} />
      </div>
    );
  }
  return (
    <div className="detail-block">
      {title}
      <dl className="detail-properties">
        {block.items.map((item, index) => (
          <div key={index}>
            <dt>{item.label}</dt>
            <dd>
              <DetailValue value={item.value} type={item.type} baseUrl={baseUrl} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function AuditDetails({ blocks, baseUrl }: { blocks: DetailBlock[]; baseUrl: string }) {
  if (!blocks.length) return null;
  return (
    <div className="audit-details">
      {blocks.map((block, index) => (
        <Block key={index} block={block} baseUrl={baseUrl} />
      ))}
    </div>
  );
}
