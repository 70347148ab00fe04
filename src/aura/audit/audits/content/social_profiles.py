from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.text import hidden

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
#: First path segments that are never a profile: sharing, posts, search, embeds, help.
NOT_PROFILES = frozenset(
    {
        "sharer",
        "sharer.php",
        "share",
        "share.php",
        "sharearticle",
        "intent",
        "home",
        "search",
        "hashtag",
        "explore",
        "watch",
        "embed",
        "playlist",
        "results",
        "shorts",
        "p",
        "reel",
        "reels",
        "pin",
        "dialog",
        "plugins",
        "login",
        "signup",
        "help",
        "about",
        "legal",
        "privacy",
        "policies",
        "settings",
        "tr",
        "status",
        "events",
        "groups",
        "feed",
        "posts",
        "redirect",
        "attribution_link",
        "live",
        "signin",
    }
)


def profile_of(href: str) -> str | None:
    """The network a link is a profile of (``twitter.com/acme``, ``youtube.com/@acme``,
    ``linkedin.com/company/acme``), or None for share links, posts, videos and the like."""
    parts = urlsplit(href.strip())
    if parts.scheme not in ("http", "https", ""):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    network = NETWORKS.get(host)
    segments = [segment for segment in parts.path.split("/") if segment]
    if network is None or not segments:
        return None
    first = segments[0].lower()
    if first in NOT_PROFILES:
        return None
    if host == "linkedin.com" and first not in ("company", "in", "school", "showcase"):
        return None
    if host == "facebook.com" and "story_fbid" in parts.query:
        return None
    if host in ("twitter.com", "x.com") and len(segments) > 1:
        return None  # a post (/acme/status/1) or a list, not the profile
    return network


class SocialProfiles(Audit):
    id = "social-profiles"
    title = "Links to social profiles"
    failure_title = "No links to social profiles"
    description = (
        "Visible links to the brand's own profiles on social networks. Share buttons, "
        "posts, videos (a YouTube `watch?v=` link), pins and embeds are not profiles."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        profiles: dict[str, str] = {}
        for node in artifacts.get(Document).css("a[href]"):
            href = (node.attributes.get("href") or "").strip()
            network = profile_of(href)
            if network is not None and not hidden(node):
                profiles.setdefault(network, href)
        return AuditResult(
            1.0 if profiles else 0.0,
            ", ".join(profiles) or "None",
            {"profiles": profiles},
            facts={"social_profiles": profiles},
        )
