import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PricingPlans, planPrice, readPricing } from "./PricingPlans";

const result = {
  pricing: {
    url: "https://rival.example/pricing",
    source: "linked",
    error: null,
    plans: [
      { name: "Starter", price: 0, currency: "USD", period: "month", price_text: "$0/mo", features: ["1 agent"], placeholder: false },
      { name: "Team", price: 29, currency: "EUR", period: "month", price_text: "29 €/Monat", features: [], placeholder: false },
      { name: "Basic", price: null, currency: "GBP", period: null, price_text: "£x.99", features: [], placeholder: true },
      { name: "Enterprise", price: null, currency: null, period: null, price_text: "Contact sales", features: ["SSO"], placeholder: false },
    ],
  },
};

describe("PricingPlans", () => {
  it("lists each plan with its price, period and features, and where it was read", () => {
    render(<PricingPlans pricing={readPricing(result)} />);
    expect(screen.getByRole("rowheader", { name: "Team" })).toBeInTheDocument();
    expect(screen.getByText("€29 / month")).toBeInTheDocument();
    expect(screen.getByText("$0 / month")).toBeInTheDocument();
    expect(screen.getByText("Contact sales")).toBeInTheDocument();
    expect(screen.getByText("£x.99 (a placeholder, no real price)")).toBeInTheDocument();
    expect(screen.getByText("SSO")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "https://rival.example/pricing" })).toHaveAttribute("href", "https://rival.example/pricing");
  });

  it("says when the pricing page could not be read instead of showing no plans", () => {
    render(<PricingPlans pricing={readPricing({ pricing: { url: "https://x.example/pricing", source: "linked", plans: [], error: "the server answered HTTP 500" } })} />);
    expect(screen.getByText(/could not be read: the server answered HTTP 500/)).toBeInTheDocument();
  });

  it("shows nothing for an analysis that did not read pricing", () => {
    expect(readPricing({})).toBeNull();
    expect(planPrice({ name: "Free", price: 0, currency: null, period: null, priceText: "Free", features: [], placeholder: false })).toBe("Free");
  });
});
