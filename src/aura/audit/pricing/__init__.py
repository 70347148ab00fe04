"""Pricing: the plans a site shows (names, prices, currencies, periods) and where."""

from aura.audit.pricing.discovery import PricingGatherer, PricingPlans, pricing_link
from aura.audit.pricing.plans import Plan, find_plans

__all__ = ["Plan", "PricingGatherer", "PricingPlans", "find_plans", "pricing_link"]
