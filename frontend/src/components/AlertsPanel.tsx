import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError } from "../api/client";
import type { AlertKind, AlertRead, AlertRuleCreate, AlertRuleRead } from "../api/types";
import { useAddRule, useAlertRules, useAlerts, useDeleteRule } from "../hooks/sets";
import { formatDate, hostOf, relativeTime } from "../lib/format";
import { CATEGORY_ORDER, categoryLabel } from "../lib/report";
import { ErrorState, Loading } from "./States";

const KINDS: { kind: AlertKind; title: string; hint: string }[] = [
  { kind: "overtaken", title: "A competitor overtakes you", hint: "in the category you choose" },
  { kind: "score_dropped", title: "Your score drops", hint: "by at least the points you choose" },
  { kind: "competitor_content_changed", title: "A competitor changes its content", hint: "headline, pricing or other fields" },
  { kind: "competitor_technology_changed", title: "A competitor adopts or drops a technology", hint: "version bumps do not count" },
];

const CONTENT_FIELDS: { id: string; label: string }[] = [
  { id: "headline", label: "Headline" },
  { id: "pricing", label: "Pricing" },
  { id: "title", label: "Title" },
  { id: "meta_description", label: "Meta description" },
  { id: "calls_to_action", label: "Calls to action" },
  { id: "navigation", label: "Navigation" },
  { id: "main_text", label: "Main text" },
];

const DELIVERY: Record<string, string> = {
  none: "No webhook",
  pending: "Pending",
  sending: "Sending",
  delivered: "Delivered",
  failed: "Failed",
};

interface RuleProblems {
  kind?: string;
  category?: string;
  points?: string;
  fields?: string;
  webhook_url?: string;
  secret?: string;
  email_to?: string;
  channel?: string;
  general?: string;
}

function newSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function ruleProblemsFrom(error: unknown): RuleProblems {
  if (!(error instanceof ApiError) || !error.problems.length) return { general: error instanceof Error ? error.message : String(error) };
  const problems: RuleProblems = {};
  const known = new Set(["kind", "category", "points", "fields", "webhook_url", "secret", "email_to", "channel"]);
  for (const problem of error.problems) {
    const field = problem.loc[1];
    if (problem.loc[0] === "body" && typeof field === "string" && known.has(field)) {
      problems[field as keyof RuleProblems] ??= problem.msg;
    } else {
      problems.general = [problems.general, problem.msg].filter(Boolean).join("; ");
    }
  }
  return problems;
}

function Problem({ children }: { children?: string }) {
  return children ? (
    <p className="field-error" role="alert">
      {children}
    </p>
  ) : null;
}

function RuleForm({ setId, categories, onAdded }: { setId: string; categories: string[]; onAdded: () => void }) {
  const id = useId();
  const add = useAddRule(setId);
  const [kind, setKind] = useState<AlertKind>("overtaken");
  const [category, setCategory] = useState("overall");
  const [points, setPoints] = useState("5");
  const [fields, setFields] = useState<string[]>(["headline", "pricing"]);
  const [channel, setChannel] = useState<AlertRuleCreate["channel"]>("webhook");
  const [webhook, setWebhook] = useState("");
  const [secret, setSecret] = useState("");
  const [emailTo, setEmailTo] = useState("");
  const [digest, setDigest] = useState(false);
  const recipients = emailTo.split(",").map((item) => item.trim()).filter(Boolean);
  const [problems, setProblems] = useState<RuleProblems>({});

  const local = (): RuleProblems => {
    const found: RuleProblems = {};
    if (kind === "score_dropped") {
      const value = Number(points);
      if (!points.trim() || !Number.isFinite(value) || value <= 0 || value > 100) found.points = "give the drop in points, more than 0 and at most 100";
    }
    if (kind === "competitor_content_changed" && !fields.length) found.fields = "choose at least one field to watch";
    if (webhook.trim() && !/^https?:\/\/\S+$/i.test(webhook.trim())) found.webhook_url = "the webhook must be an http:// or https:// URL";
    if (secret && !webhook.trim()) found.secret = "a secret signs webhook deliveries: give the webhook URL too";
    if (channel === "slack" && !webhook.trim()) found.webhook_url = "give the Slack incoming webhook's URL";
    if (channel === "email" && !recipients.length) found.email_to = "give at least one e-mail address";
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = local();
    setProblems(found);
    if (Object.keys(found).length) return;
    const body: AlertRuleCreate = {
      kind,
      category: kind === "overtaken" || kind === "score_dropped" ? category : "overall",
      enabled: true,
      ...(kind === "score_dropped" ? { points: Number(points) } : {}),
      ...(kind === "competitor_content_changed" ? { fields } : {}),
      channel,
      digest,
      webhook_url: channel === "email" ? null : webhook.trim() || null,
      secret: channel === "webhook" ? secret || null : null,
      email_to: channel === "email" ? recipients : [],
    };
    add.mutate(body, {
      onSuccess: () => {
        setProblems({});
        onAdded();
      },
      onError: (error) => setProblems(ruleProblemsFrom(error)),
    });
  };

  return (
    <form className="rule-form" onSubmit={submit} noValidate data-testid="rule-form">
      <div className="field">
        <label htmlFor={`${id}-kind`}>Alert me when</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
          {KINDS.map((option) => (
            <option key={option.kind} value={option.kind}>
              {option.title}
            </option>
          ))}
        </select>
        <p className="muted small">{KINDS.find((option) => option.kind === kind)?.hint}</p>
        <Problem>{problems.kind}</Problem>
      </div>
      {(kind === "overtaken" || kind === "score_dropped") && (
        <div className="field">
          <label htmlFor={`${id}-category`}>Category</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)}>
            {categories.map((value) => (
              <option key={value} value={value}>
                {categoryLabel(value)}
              </option>
            ))}
          </select>
          <Problem>{problems.category}</Problem>
        </div>
      )}
      {kind === "score_dropped" && (
        <div className="field">
          <label htmlFor={`${id}-points`}>By at least (points)</label>
          <input
            id={`${id}-points`}
            type="number"
            min={1}
            max={100}
            step="any"
            value={points}
            aria-invalid={problems.points ? true : undefined}
            onChange={(e) => setPoints(e.target.value)}
          />
          <Problem>{problems.points}</Problem>
        </div>
      )}
      {kind === "competitor_content_changed" && (
        <fieldset className="field rule-form__fields">
          <legend>Fields to watch</legend>
          <div className="checkbox-grid">
            {CONTENT_FIELDS.map((field) => (
              <label key={field.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={fields.includes(field.id)}
                  onChange={(e) => setFields((current) => (e.target.checked ? [...current, field.id] : current.filter((f) => f !== field.id)))}
                />
                {field.label}
              </label>
            ))}
          </div>
          <Problem>{problems.fields}</Problem>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-channel`}>Send to</label>
        <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as AlertRuleCreate["channel"])}>
          <option value="webhook">A webhook (signed JSON)</option>
          <option value="slack">Slack (incoming webhook)</option>
          <option value="email">E-mail</option>
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={digest} onChange={(e) => setDigest(e.target.checked)} /> One message per run (digest)
        </label>
      </div>
      {channel === "email" && (
        <div className="field rule-form__wide">
          <label htmlFor={`${id}-email`}>Recipients <span className="muted">(comma-separated)</span></label>
          <input
            id={`${id}-email`}
            type="text"
            inputMode="email"
            spellCheck={false}
            placeholder="marketing@example.com"
            value={emailTo}
            aria-invalid={problems.email_to ? true : undefined}
            onChange={(e) => setEmailTo(e.target.value)}
          />
          <Problem>{problems.email_to}</Problem>
        </div>
      )}
      {channel !== "email" && (
      <div className="field rule-form__wide">
        <label htmlFor={`${id}-webhook`}>
          {channel === "slack" ? "Slack incoming webhook URL" : "Webhook URL"}{" "}
          {channel === "webhook" && <span className="muted">(optional: without one, alerts are only listed here)</span>}
        </label>
        <input
          id={`${id}-webhook`}
          type="text"
          inputMode="url"
          spellCheck={false}
          placeholder="https://hooks.example.com/aura"
          value={webhook}
          aria-invalid={problems.webhook_url ? true : undefined}
          onChange={(e) => setWebhook(e.target.value)}
        />
        <Problem>{problems.webhook_url}</Problem>
      </div>
      )}
      {channel === "webhook" && (
      <div className="field rule-form__wide">
        <label htmlFor={`${id}-secret`}>
          Signing secret <span className="muted">(optional)</span>
        </label>
        <div className="rule-form__secret">
          <input
            id={`${id}-secret`}
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={secret}
            aria-invalid={problems.secret ? true : undefined}
            onChange={(e) => setSecret(e.target.value)}
          />
          <button type="button" className="button button--ghost" onClick={() => setSecret(newSecret())}>
            Generate
          </button>
        </div>
        <p className="muted small">
          Each delivery carries <code>X-Aura-Signature: sha256=HMAC(secret, "&lt;X-Aura-Timestamp&gt;.&lt;body&gt;")</code>. Copy the
          secret now: it is not shown again.
        </p>
        <Problem>{problems.secret}</Problem>
      </div>
      )}
      <div className="rule-form__submit">
        <Problem>{problems.general}</Problem>
        <button type="submit" className="button button--primary" disabled={add.isPending} data-testid="add-rule">
          {add.isPending ? "Adding…" : "Add alert rule"}
        </button>
      </div>
    </form>
  );
}

function RuleRow({ setId, rule }: { setId: string; rule: AlertRuleRead }) {
  const remove = useDeleteRule(setId);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="rule" data-testid="alert-rule">
      <div className="rule__main">
        <strong>{rule.description}</strong>
        <span className="muted small">
          {rule.channel === "email" && rule.email_to.length ? (
            <>E-mail to {rule.email_to.join(", ")}</>
          ) : rule.channel === "slack" && rule.webhook_url ? (
            <>Slack {hostOf(rule.webhook_url)}</>
          ) : rule.webhook_url ? (
            <>
              Webhook {hostOf(rule.webhook_url)} {rule.has_secret ? <span className="tag tag--info">signed</span> : <span className="tag tag--warn">unsigned</span>}
            </>
          ) : (
            "Listed here only (no webhook)"
          )}
          {rule.digest && <span className="tag"> digest</span>}
          {!rule.enabled && <span className="tag"> paused</span>}
        </span>
      </div>
      {confirming ? (
        <div className="actions">
          <button type="button" className="button button--danger button--small" disabled={remove.isPending} onClick={() => remove.mutate(rule.id)}>
            {remove.isPending ? "Deleting…" : "Delete"}
          </button>
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" className="button button--ghost button--small" aria-label={`Delete the rule: ${rule.description}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
      {remove.error && <p className="field-error">{remove.error.message}</p>}
    </li>
  );
}

function Delivery({ alert }: { alert: AlertRead }) {
  const { delivery } = alert;
  const detail =
    delivery.status === "delivered" && delivery.delivered_at
      ? `at ${formatDate(delivery.delivered_at)}`
      : delivery.status === "pending" && delivery.attempts > 0 && delivery.next_attempt_at
        ? `retry ${delivery.attempts + 1} at ${formatDate(delivery.next_attempt_at)}`
        : delivery.status === "failed"
          ? `after ${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`
          : "";
  return (
    <div className="delivery">
      <span className={`badge delivery--${delivery.status}`}>{DELIVERY[delivery.status] ?? delivery.status}</span>
      {detail && <span className="muted small">{detail}</span>}
      {delivery.last_error && delivery.status !== "delivered" && <span className="delivery__error small">{delivery.last_error}</span>}
    </div>
  );
}

export function AlertsPanel({ setId, categories }: { setId: string; categories: string[] }) {
  const rules = useAlertRules(setId);
  const alerts = useAlerts(setId);
  const [adding, setAdding] = useState(false);
  const choices = categories.length ? categories : ["overall", ...CATEGORY_ORDER];
  return (
    <div className="alerts-panel">
      <div className="alerts-panel__rules">
        <div className="alerts-panel__head">
          <h3>Rules</h3>
          <button type="button" className="button button--ghost button--small" onClick={() => setAdding((value) => !value)} aria-expanded={adding}>
            {adding ? "Close" : "+ Add rule"}
          </button>
        </div>
        {adding && <RuleForm setId={setId} categories={choices} onAdded={() => setAdding(false)} />}
        {rules.isPending ? (
          <Loading label="Loading the rules…" />
        ) : rules.isError ? (
          <ErrorState error={rules.error} title="Could not load the alert rules" onRetry={() => void rules.refetch()} />
        ) : rules.data.items.length === 0 ? (
          <p className="muted">No alert rules yet. Add one to hear when a competitor overtakes you or changes its pricing.</p>
        ) : (
          <ul className="rules">
            {rules.data.items.map((rule) => (
              <RuleRow key={rule.id} setId={setId} rule={rule} />
            ))}
          </ul>
        )}
      </div>
      <div className="alerts-panel__list">
        <div className="alerts-panel__head">
          <h3>Alerts</h3>
        </div>
        {alerts.isPending ? (
          <Loading label="Loading the alerts…" />
        ) : alerts.isError && !alerts.data ? (
          <ErrorState error={alerts.error} title="Could not load the alerts" onRetry={() => void alerts.refetch()} />
        ) : alerts.data.items.length === 0 ? (
          <p className="muted">No alerts so far. They appear here after a run that triggers a rule.</p>
        ) : (
          <ul className="alert-list">
            {alerts.data.items.map((alert) => (
              <li key={alert.id} className={`alert-item alert-item--${alert.kind}`} data-testid="alert">
                <div className="alert-item__main">
                  <span>{alert.message}</span>
                  <span className="muted small">
                    <span title={formatDate(alert.created_at)}>{relativeTime(alert.created_at)}</span>
                    {alert.site && <> · {hostOf(alert.site)}</>} · <Link to={`/batches/${alert.batch_id}`}>run</Link>
                  </span>
                </div>
                <Delivery alert={alert} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
