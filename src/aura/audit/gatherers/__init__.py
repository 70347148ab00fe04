"""Gatherers: each produces one artifact type, possibly from other artifacts."""

from aura.audit.gatherers.base import GatherContext, Gatherer
from aura.audit.gatherers.image_encodings import ImageEncodingsGatherer
from aura.audit.gatherers.limits import SubresourceLimits
from aura.audit.gatherers.links import LinkTargetsGatherer
from aura.audit.gatherers.manifest import WebManifestGatherer
from aura.audit.gatherers.redirection import HttpRedirectionGatherer
from aura.audit.gatherers.robots import RobotsTxtGatherer
from aura.audit.gatherers.sitemap import SitemapGatherer
from aura.audit.gatherers.stylesheets import StylesheetsGatherer
from aura.audit.gatherers.subresources import SubresourcesGatherer
from aura.audit.pricing import PricingGatherer
from aura.audit.technology.gatherers import DnsRecordsGatherer, TechnologyGatherer

#: Every gatherer, keyed by the artifact type it produces.
GATHERERS: dict[type[object], Gatherer] = {
    gatherer.produces: gatherer
    for gatherer in (
        RobotsTxtGatherer(),
        SitemapGatherer(),
        SubresourcesGatherer(),
        ImageEncodingsGatherer(),
        StylesheetsGatherer(),
        HttpRedirectionGatherer(),
        DnsRecordsGatherer(),
        TechnologyGatherer(),
        PricingGatherer(),
        LinkTargetsGatherer(),
        WebManifestGatherer(),
    )
}

__all__ = ["GATHERERS", "GatherContext", "Gatherer", "SubresourceLimits"]
