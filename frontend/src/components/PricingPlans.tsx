import { Section } from "./States";

/** A plan as the analysis reads it from the page or the pricing page it links to. */
export interface PricingPlan {
  name: string;
  price: number | null;
  currency: string | null;
  period: string | null;
  priceText: string;
  features: string[];
  placeholder: boolean;
}

export interface Pricing {
  url: string | null;
  source: "page" | "linked" | null;
  plans: PricingPlan[];
  error: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}

/** The `pricing` of an analysis result; null when the analysis did not read pricing. */
export function readPricing(result: Record<string, unknown> | null | undefined): Pricing | null {
  const raw = result?.pricing;
  if (!raw || typeof raw !== "object") return null;
  const body = raw as Record<string, unknown>;
  const plans = Array.isArray(body.plans) ? body.plans : [];
  return {
    url: text(body.url),
    source: body.source === "page" || body.source === "linked" ? body.source : null,
    error: text(body.error),
    plans: plans
      .filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
      .map((item) => ({
        name: text(item.name) ?? "Unnamed plan",
        price: typeof item.price === "number" ? item.price : null,
        currency: text(item.currency),
        period: text(item.period),
        priceText: text(item.price_text) ?? "",
        features: Array.isArray(item.features) ? item.features.filter((f): f is string => typeof f === "string") : [],
        placeholder: item.placeholder === true,
      })),
  };
}

/** "$29 / month", "Free", "£x.99 (placeholder)", "Contact sales". */
export function planPrice(plan: PricingPlan): string {
  if (plan.placeholder) return `${plan.priceText} (a placeholder, no real price)`;
  if (plan.price === null) return plan.priceText || "On request";
  if (plan.price === 0 && !plan.currency) return "Free";
  const amount = Number.isInteger(plan.price) ? String(plan.price) : plan.price.toFixed(2);
  const money = plan.currency
    ? new Intl.NumberFormat("en", { style: "currency", currency: plan.currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? plan.currency
    : "";
  const priced = money.length > 1 && /^[A-Z]{2,3}$/.test(money) ? `${money} ${amount}` : `${money}${amount}`;
  return plan.period ? `${priced} / ${plan.period}` : priced;
}

export function PricingPlans({ pricing }: { pricing: Pricing | null }) {
  if (!pricing) return null;
  const where =
    pricing.source === "linked" && pricing.url ? (
      <>
        Read from the linked pricing page <a href={pricing.url} rel="noreferrer noopener" target="_blank">{pricing.url}</a>.
      </>
    ) : pricing.source === "page" ? (
      "Read from this page."
    ) : (
      "The page links to no pricing page and shows no plans."
    );
  return (
    <Section title="Pricing" id="pricing" subtitle={where}>
      {pricing.error && <p className="muted">The pricing page could not be read: {pricing.error}</p>}
      {!pricing.error && pricing.source && pricing.plans.length === 0 && <p className="muted">No plans were found on it.</p>}
      {pricing.plans.length > 0 && (
        <table className="pricing-table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Price</th>
                <th scope="col">Includes</th>
              </tr>
            </thead>
            <tbody>
              {pricing.plans.map((plan, index) => (
                <tr key={`${plan.name}-${plan.period ?? ""}-${index}`}>
                  <th scope="row">{plan.name}</th>
                  <td>{planPrice(plan)}</td>
                  <td>{plan.features.length ? plan.features.join(" · ") : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
        </table>
      )}
    </Section>
  );
}
