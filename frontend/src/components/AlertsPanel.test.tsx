import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AlertRead, AlertRuleRead } from "../api/types";
import { AlertsPanel } from "./AlertsPanel";

const SET = "7d7f0e0c-0000-4000-8000-000000000001";

const rule: AlertRuleRead = {
  id: "rule-1",
  set_id: SET,
  kind: "overtaken",
  category: "seo",
  points: null,
  fields: [],
  channel: "webhook",
  webhook_url: "https://hooks.example.com/aura",
  has_secret: true,
  email_to: [],
  digest: false,
  enabled: true,
  description: "A competitor overtakes us in SEO",
  created_at: "2026-11-28T09:00:00Z",
};

function alert(id: string, delivery: Partial<AlertRead["delivery"]>, message: string): AlertRead {
  return {
    id,
    set_id: SET,
    rule_id: "rule-1",
    kind: "overtaken",
    batch_id: "run-2",
    previous_batch_id: "run-1",
    site: "https://rival.example/",
    message,
    details: {},
    created_at: "2026-11-28T10:00:00Z",
    delivery: { status: "none", attempts: 0, last_error: null, delivered_at: null, next_attempt_at: null, ...delivery },
  };
}

interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** A fake API: answers by method and path, and records what was sent. */
function serve(answers: Record<string, (body: unknown) => { status: number; json?: unknown }>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(String(init.body)) : null;
      calls.push({ method, url, body });
      const answer = answers[`${method} ${url}`]?.(body) ?? { status: 404, json: { detail: "Not Found" } };
      return new Response(answer.json === undefined ? null : JSON.stringify(answer.json), {
        status: answer.status,
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
  return calls;
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AlertsPanel setId={SET} categories={["overall", "seo", "performance"]} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const RULES = `/api/v1/sets/${SET}/alert-rules`;
const ALERTS = `/api/v1/sets/${SET}/alerts`;

describe("AlertsPanel", { timeout: 30_000 }, () => {
  it("lists the rules and each alert with the state of its delivery", async () => {
    serve({
      [`GET ${RULES}`]: () => ({ status: 200, json: { items: [rule] } }),
      [`GET ${ALERTS}`]: () => ({
        status: 200,
        json: {
          items: [
            alert("a1", { status: "delivered", attempts: 1, delivered_at: "2026-11-28T10:00:05Z" }, "rival.example overtook you in SEO"),
            alert("a2", { status: "failed", attempts: 6, last_error: "HTTP 500 from hooks.example.com" }, "rival.example overtook you in Performance"),
            alert("a3", { status: "pending", attempts: 1, last_error: "timed out", next_attempt_at: "2026-11-28T10:00:09Z" }, "rival.example changed its headline"),
          ],
        },
      }),
    });
    renderPanel();
    const ruleRow = await screen.findByTestId("alert-rule");
    expect(ruleRow).toHaveTextContent("A competitor overtakes us in SEO");
    expect(ruleRow).toHaveTextContent("hooks.example.com");
    expect(within(ruleRow).getByText("signed")).toBeInTheDocument();

    const alerts = await screen.findAllByTestId("alert");
    expect(alerts).toHaveLength(3);
    expect(within(alerts[0]!).getByText("Delivered")).toHaveClass("delivery--delivered");
    expect(within(alerts[1]!).getByText("Failed")).toHaveClass("delivery--failed");
    expect(alerts[1]).toHaveTextContent("after 6 attempts");
    expect(alerts[1]).toHaveTextContent("HTTP 500 from hooks.example.com");
    expect(within(alerts[2]!).getByText("Pending")).toBeInTheDocument();
    expect(alerts[2]).toHaveTextContent("retry 2 at");
    expect(within(alerts[0]!).getByRole("link", { name: "run" })).toHaveAttribute("href", "/batches/run-2");
  });

  it("adds a rule with the parameters of its kind, and shows the server's verdict on the webhook", async () => {
    const calls = serve({
      [`GET ${RULES}`]: () => ({ status: 200, json: { items: [] } }),
      [`GET ${ALERTS}`]: () => ({ status: 200, json: { items: [] } }),
      [`POST ${RULES}`]: (body) =>
        (body as { webhook_url: string | null }).webhook_url === "http://10.0.0.5/hook"
          ? { status: 422, json: { detail: [{ loc: ["body", "webhook_url"], msg: "'http://10.0.0.5/hook' points to a private or loopback address" }] } }
          : { status: 201, json: { ...rule, kind: "score_dropped", description: "Our score in SEO drops by 8 points or more" } },
    });
    const user = userEvent.setup();
    renderPanel();
    expect(await screen.findByText(/No alert rules yet/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "+ Add rule" }));
    const form = screen.getByTestId("rule-form");
    await user.selectOptions(within(form).getByLabelText("Alert me when"), "score_dropped");
    await user.selectOptions(within(form).getByLabelText("Category"), "seo");
    const points = within(form).getByLabelText("By at least (points)");
    await user.clear(points);
    await user.type(points, "8");
    await user.click(within(form).getByLabelText(/Webhook URL/));
    await user.paste("http://10.0.0.5/hook");
    await user.click(within(form).getByRole("button", { name: "Generate" }));
    await user.click(within(form).getByTestId("add-rule"));

    expect(await within(form).findByText(/points to a private or loopback address/)).toBeInTheDocument();
    const sent = calls.find((call) => call.method === "POST")!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ kind: "score_dropped", category: "seo", points: 8, webhook_url: "http://10.0.0.5/hook", enabled: true });
    expect(sent.secret).toMatch(/^[0-9a-f]{48}$/);
    expect(sent).not.toHaveProperty("fields");

    const webhook = within(form).getByLabelText(/Webhook URL/);
    await user.clear(webhook);
    await user.paste("https://hooks.example.com/aura");
    await user.click(within(form).getByTestId("add-rule"));
    await waitFor(() => expect(screen.queryByTestId("rule-form")).not.toBeInTheDocument());
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(2);
  });

  it("asks for at least one field to watch and a webhook for a secret", async () => {
    const calls = serve({
      [`GET ${RULES}`]: () => ({ status: 200, json: { items: [] } }),
      [`GET ${ALERTS}`]: () => ({ status: 200, json: { items: [] } }),
    });
    const user = userEvent.setup();
    renderPanel();
    await user.click(await screen.findByRole("button", { name: "+ Add rule" }));
    const form = screen.getByTestId("rule-form");
    await user.selectOptions(within(form).getByLabelText("Alert me when"), "competitor_content_changed");
    await user.click(within(form).getByLabelText("Headline"));
    await user.click(within(form).getByLabelText("Pricing"));
    await user.click(within(form).getByRole("button", { name: "Generate" }));
    await user.click(within(form).getByTestId("add-rule"));
    expect(within(form).getByText("choose at least one field to watch")).toBeInTheDocument();
    expect(within(form).getByText(/give the webhook URL too/)).toBeInTheDocument();
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });
});
