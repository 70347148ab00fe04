from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult

NETWORKS = {
    "facebook.com": "Facebook",
    "twitter.com": "X (Twitter)",
    "x.com": "X (Twitter)",
    "linkedin.com": "LinkedIn",
    "instagram.com": "Instagram",
    "youtube.com": "YouTube",
    "tiktok.com": "TikTok",
    "github.com": "GitHub",
    "pinterest.com": "Pinterest",
    "mastodon.social": "Mastodon",
    "threads.net": "Threads",
    "bsky.app": "Bluesky",
}
SHARE_PATHS = ("/sharer", "/share", "/intent/", "/sharearticle")


class SocialProfiles(Audit):
    id = "social-profiles"
    title = "Links to social profiles"
    failure_title = "No links to social profiles"
    description = "Links to the brand's social network profiles (share buttons not counted)."
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        profiles: dict[str, str] = {}
        for node in artifacts.get(Document).css("a[href]"):
            href = (node.attributes.get("href") or "").strip()
            parts = urlsplit(href)
            host = (parts.hostname or "").removeprefix("www.")
            network = NETWORKS.get(host)
            path = parts.path.lower()
            if network and path.strip("/") and not path.startswith(SHARE_PATHS):
                profiles.setdefault(network, href)
        return AuditResult(
            1.0 if profiles else 0.0,
            ", ".join(profiles) or "None",
            {"profiles": profiles},
            facts={"social_profiles": profiles},
        )
