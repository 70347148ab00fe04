"""All queries on crawls and their pages (the distributed frontier). Flush only; never commit.

Lock order: a transaction that writes a crawl's pages locks the crawl row first (claim, store,
start), and a crawl's finish writes the crawl before its batch; analyses come before both
(cancel and delete), so no two transactions take these rows in opposite orders.

A page's claim and store run once a page, so they stay lean: their UPDATEs skip the ORM's
synchronisation of the session (``synchronize_session=False``: nothing reads the rows they
change through the session afterwards, and evaluating their criteria against it cost more
than the statement), and they read no more of the crawl row than they use.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer

from aura.crawl.records import SITEMAP_SOURCE, CrawlOptions, PageRecord
from aura.crawl.rules import SiteRules
from aura.crawl.templates import template_of
from aura.crawl.urls import Scope
from aura.db.engine import rowcount
from aura.db.types import utcnow
from aura.models import CompetitiveAnalysisBatch, Crawl, CrawlPage, CrawlPageStatus, CrawlStatus

_PENDING = (CrawlPageStatus.QUEUED, CrawlPageStatus.RUNNING)
#: A fetch slot further away than this is not waited for holding a claim: the job comes back
#: at its time instead.
MAX_SLOT_WAIT = 1.0
#: Crawls whose fetching rules a process keeps decoded (``_fetch_rules``).
RULES_CACHED = 64
#: Page records read from the database at once for the site report.
RECORDS_CHUNK = 50
_fetch_rules_cache: OrderedDict[uuid.UUID, SiteRules] = OrderedDict()


def sitemap_depth(options: CrawlOptions) -> int:
    """The depth a sitemap-only URL is queued at: beyond ``max_depth``, so it comes after
    the pages links reach and its own links are not followed (it has no link depth)."""
    return options.max_depth + 1


@dataclass(frozen=True)
class Seed:
    url: str
    depth: int
    source: str
    found_on: str | None = None


@dataclass(frozen=True)
class PageClaim:
    """One page held by one attempt: only the holder of ``token`` may store its record."""

    page_id: uuid.UUID
    crawl_id: uuid.UUID
    batch_id: uuid.UUID
    url: str
    depth: int
    source: str
    found_on: str | None
    token: uuid.UUID
    attempts: int
    #: When the fetch may start (politeness).
    slot: dt.datetime
    #: Whether this page is its template's sample to render in a browser.
    render: bool = False


@dataclass(frozen=True)
class NotYet:
    """The page cannot be claimed now: come back after ``delay`` seconds."""

    delay: float


@dataclass(frozen=True)
class Settled:
    """What storing (or skipping) one page changed in its crawl."""

    crawl_id: uuid.UUID
    batch_id: uuid.UUID
    #: Nothing left queued or running: the crawl can finish.
    drained: bool
    discovered: int
    done: int
    failed: int
    skipped: int
    #: The crawl's next queued pages (as many as its concurrency), read in the same
    #: transaction: to offer to the queue once it has committed.
    offer: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class CrawlCounts:
    status: str
    discovered: int
    done: int
    failed: int
    skipped: int
    queued: int
    running: int


def _insert(session: AsyncSession) -> Any:
    """``INSERT`` in the session's dialect, so that ``on_conflict_do_nothing`` is there."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql  # loaded for PostgreSQL only

        return postgresql.insert(CrawlPage)
    return sqlite.insert(CrawlPage)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class CrawlRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, crawl_id: uuid.UUID) -> Crawl | None:
        return await self.session.get(Crawl, crawl_id)

    async def _lock(self, crawl_id: uuid.UUID | sa.ScalarSelect[uuid.UUID]) -> Crawl | None:
        """The crawl row, locked for this transaction (PostgreSQL; SQLite's write
        transactions hold the database's one write lock from their start).

        Its ``rules`` (with every sitemap URL) and ``report`` are not loaded: a page's claim
        and store run once a page and read neither (``_fetch_rules``); touching them on the
        row returned raises."""
        query = (
            sa.select(Crawl)
            .where(Crawl.id == crawl_id)
            .options(defer(Crawl.rules, raiseload=True), defer(Crawl.report, raiseload=True))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return (await self.session.scalars(query)).one_or_none()

    async def _fetch_rules(self, crawl_id: uuid.UUID) -> SiteRules | None:
        """What a crawl's page jobs need of its rules: robots.txt, ``Crawl-delay`` and the
        site's URL, without the sitemaps and their entries (the site report reads those).

        The rules are written once, when the crawl starts, and never change: each process
        decodes them once per crawl (the last ``RULES_CACHED`` crawls), not on every claim
        and store of a page. None while the crawl has none (not started)."""
        cached = _fetch_rules_cache.get(crawl_id)
        if cached is not None:
            _fetch_rules_cache.move_to_end(crawl_id)
            return cached
        data = await self.session.scalar(sa.select(Crawl.rules).where(Crawl.id == crawl_id))
        if not data:
            return None
        rules = SiteRules.from_json(
            {key: value for key, value in data.items() if key not in ("entries", "sitemaps")}
        )
        _fetch_rules_cache[crawl_id] = rules
        while len(_fetch_rules_cache) > RULES_CACHED:
            _fetch_rules_cache.popitem(last=False)
        return rules

    async def start(self, crawl_id: uuid.UUID, rules: SiteRules, seeds: Sequence[Seed]) -> bool:
        """Move a queued crawl to crawling with its rules and first pages; False if another
        attempt did (or the crawl was cancelled or removed)."""
        now = utcnow()
        crawl = await self._lock(crawl_id)
        if crawl is None or crawl.status != CrawlStatus.QUEUED:
            return False
        options = CrawlOptions.from_json(crawl.options)
        kept = list({seed.url: seed for seed in reversed(seeds)}.values())[::-1]
        kept = kept[: options.max_pages]
        if kept:
            await self.session.execute(
                _insert(self.session)
                .values(
                    [_page_row(crawl_id, seed, CrawlPageStatus.QUEUED, None, now) for seed in kept]
                )
                .on_conflict_do_nothing()
            )
        await self.session.execute(
            sa.update(Crawl)
            .where(Crawl.id == crawl_id)
            .values(
                status=CrawlStatus.CRAWLING,
                rules=rules.as_json(),
                started_at=now,
                updated_at=now,
                discovered=len(kept),
            )
        )
        return True

    async def claim(
        self, page_id: uuid.UUID, lease: dt.timedelta, *, can_render: bool = False
    ) -> PageClaim | NotYet | Settled | None:
        """Take the page if it is queued (or its holder's lease ran out), the crawl runs fewer
        than ``concurrency`` pages, and its next fetch slot is near; reserve that slot.

        Returns the claim; ``NotYet`` (busy, or the slot is later); ``Settled`` when the page
        was skipped because the crawl's time or bytes are spent; None when there is nothing
        to do (the page is done, running, or gone, or the crawl no longer runs).
        """
        # The page's crawl, found and locked in one statement.
        crawl = await self._lock(
            sa.select(CrawlPage.crawl_id).where(CrawlPage.id == page_id).scalar_subquery()
        )
        if crawl is None or crawl.status != CrawlStatus.CRAWLING:
            return None
        crawl_id = crawl.id
        now = utcnow()
        claimable = sa.or_(
            CrawlPage.status == CrawlPageStatus.QUEUED,
            sa.and_(CrawlPage.status == CrawlPageStatus.RUNNING, CrawlPage.lease_expires_at < now),
        )
        # The page if it is claimable, with the crawl's pages running now (one statement).
        other = aliased(CrawlPage)
        running_now = (
            sa.select(sa.func.count(other.id))
            .where(
                other.crawl_id == crawl_id,
                other.status == CrawlPageStatus.RUNNING,
                other.lease_expires_at >= now,
            )
            .scalar_subquery()
        )
        page = (
            await self.session.execute(
                sa.select(
                    CrawlPage.url,
                    CrawlPage.depth,
                    CrawlPage.source,
                    CrawlPage.found_on,
                    CrawlPage.attempts,
                    running_now.label("running"),
                ).where(CrawlPage.id == page_id, claimable)
            )
        ).one_or_none()
        if page is None:
            return None
        options = CrawlOptions.from_json(crawl.options)
        spent = _spent(crawl, options, now)
        if spent is not None:
            await self.session.execute(
                sa.update(CrawlPage)
                .where(CrawlPage.id == page_id)
                .values(
                    status=CrawlPageStatus.SKIPPED,
                    error=spent,
                    finished_at=now,
                    claim_token=None,
                    lease_expires_at=None,
                )
            )
            return await self._count(crawl, options, skipped=1)
        if int(page.running or 0) >= max(1, options.concurrency):
            return NotYet(0.2)
        slot = max(_aware(crawl.next_fetch_at) or now, now)
        wait = (slot - now).total_seconds()
        if wait > MAX_SLOT_WAIT:
            return NotYet(wait - MAX_SLOT_WAIT / 2)
        rules = await self._fetch_rules(crawl_id)
        delay = max(options.delay_s, (rules.crawl_delay if rules else None) or 0.0)
        template = template_of(page.url)
        render = can_render and await self._samples_wanted(crawl, page_id, template, options)
        token = uuid.uuid4()
        await self.session.execute(
            sa.update(CrawlPage)
            .execution_options(synchronize_session=False)
            .where(CrawlPage.id == page_id)
            .values(
                status=CrawlPageStatus.RUNNING,
                attempts=CrawlPage.attempts + 1,
                claim_token=token,
                lease_expires_at=now + lease,
                started_at=sa.func.coalesce(CrawlPage.started_at, now),
                # A render is reserved here, under the crawl's lock, so that concurrent
                # claims count it; storing the page says whether it happened.
                template=template,
                rendered=render,
            )
        )
        next_fetch = slot + dt.timedelta(seconds=delay)
        if next_fetch > now:
            # Without a delay the next slot is "now" whenever it comes, as it is already
            # (the stored one is past): nothing to write.
            await self.session.execute(
                sa.update(Crawl)
                .execution_options(synchronize_session=False)
                .where(Crawl.id == crawl_id)
                .values(next_fetch_at=next_fetch)
            )
        return PageClaim(
            page_id=page_id,
            crawl_id=crawl_id,
            batch_id=crawl.batch_id,
            url=page.url,
            depth=page.depth,
            source=page.source,
            found_on=page.found_on,
            token=token,
            attempts=page.attempts + 1,
            slot=slot,
            render=render,
        )

    async def _samples_wanted(
        self, crawl: Crawl, page_id: uuid.UUID, template: str, options: CrawlOptions
    ) -> bool:
        """Whether the batch renders in a browser and ``template`` has fewer rendered (or
        reserved) pages than ``renders_per_template``."""
        mode = await self.session.scalar(
            sa.select(CompetitiveAnalysisBatch.mode).where(
                CompetitiveAnalysisBatch.id == crawl.batch_id
            )
        )
        if mode != "browser" or options.renders_per_template < 1:
            return False
        rendered = await self.session.scalar(
            sa.select(sa.func.count(CrawlPage.id)).where(
                CrawlPage.crawl_id == crawl.id,
                CrawlPage.template == template,
                CrawlPage.rendered.is_(True),
                CrawlPage.id != page_id,
            )
        )
        return int(rendered or 0) < options.renders_per_template

    async def store(
        self,
        claim: PageClaim,
        record: PageRecord,
        *,
        error: str | None = None,
    ) -> Settled | None:
        """Store the page's record if ``claim`` still holds it, queue the links it found that
        the crawl may follow, and count; None if the claim was lost."""
        crawl = await self._lock(claim.crawl_id)
        if crawl is None:
            return None
        now = utcnow()
        fetched = error is None and record.ok
        # With the page's depth now: a link may have reached a sitemap-only page while it ran.
        depth = (
            await self.session.execute(
                sa.update(CrawlPage)
                .execution_options(synchronize_session=False)
                .where(*_held_by(claim))
                .values(
                    status=CrawlPageStatus.DONE if fetched else CrawlPageStatus.FAILED,
                    record=record.as_json(),
                    template=record.template,
                    rendered=record.rendered,
                    error=error or record.error,
                    finished_at=now,
                    claim_token=None,
                    lease_expires_at=None,
                )
                .returning(CrawlPage.depth)
            )
        ).scalar_one_or_none()
        if depth is None:
            return None
        options = CrawlOptions.from_json(crawl.options)
        if depth != claim.depth:
            claim = replace(claim, depth=depth)
        queued = skipped = 0
        if (
            crawl.status == CrawlStatus.CRAWLING
            and fetched
            and not record.nofollow
            and claim.depth + 1 <= options.max_depth
            and _spent(crawl, options, now) is None
        ):
            queued, skipped = await self._follow(crawl, options, claim, record, now)
        return await self._count(
            crawl,
            options,
            done=1 if fetched else 0,
            failed=0 if fetched else 1,
            skipped=skipped,
            discovered=queued,
            size=record.bytes,
        )

    async def _follow(
        self,
        crawl: Crawl,
        options: CrawlOptions,
        claim: PageClaim,
        record: PageRecord,
        now: dt.datetime,
        room: int | None = None,
    ) -> tuple[int, int]:
        """Queue the page's links in scope, robots.txt permitting, up to ``max_pages``; keep
        the ones robots.txt refuses as skipped (as many). Returns (queued, skipped).

        A link to a URL only a sitemap led to gives it a link depth (the page's + 1): it
        becomes a ``link`` page, and if it was crawled already its own links, not followed
        then, are followed now (``max_depth`` permitting)."""
        if room is None:
            room = options.max_pages - crawl.discovered
        rules = await self._fetch_rules(crawl.id)
        scope = Scope(rules.site_url if rules and rules.site_url else crawl.start_url, options)
        links = [url for url in dict.fromkeys(record.links) if scope.refusal(url) is None]
        if not links:
            return 0, 0
        known_rows = (
            await self.session.execute(
                sa.select(CrawlPage.id, CrawlPage.url, CrawlPage.source, CrawlPage.status).where(
                    CrawlPage.crawl_id == crawl.id, CrawlPage.url.in_(links)
                )
            )
        ).all()
        known = {row.url for row in known_rows}
        depth = claim.depth + 1
        queued = skipped = 0
        reached = [row for row in known_rows if row.source == SITEMAP_SOURCE]
        if reached:
            await self.session.execute(
                sa.update(CrawlPage)
                .where(CrawlPage.id.in_([row.id for row in reached]))
                .values(source="link", depth=depth, found_on=claim.url)
            )
            crawled = [row for row in reached if row.status == CrawlPageStatus.DONE]
            if crawled and depth + 1 <= options.max_depth:
                stored = await self.session.execute(
                    sa.select(CrawlPage.url, CrawlPage.record).where(
                        CrawlPage.id.in_([row.id for row in crawled])
                    )
                )
                for url, data in stored.all():
                    page = PageRecord.from_json(data) if data else None
                    if page is None or page.nofollow:
                        continue
                    more, kept_out = await self._follow(
                        crawl,
                        options,
                        replace(claim, url=url, depth=depth),
                        page,
                        now,
                        room - queued,
                    )
                    queued, skipped = queued + more, skipped + kept_out
        room -= queued
        fresh = [url for url in links if url not in known]
        allowed = [url for url in fresh if rules is None or rules.allowed(url)]
        if len(allowed) > room:
            # Pages links reach come before sitemap-only ones within max_pages.
            evicted = await self._make_room(crawl.id, len(allowed) - max(room, 0), now)
            room, queued, skipped = room + evicted, queued - evicted, skipped + evicted
        if room <= 0:
            return queued, skipped
        allowed = allowed[:room]
        refused = [url for url in fresh if rules is not None and not rules.allowed(url)][:room]
        rows = [
            _page_row(
                crawl.id, Seed(url, depth, "link", claim.url), CrawlPageStatus.QUEUED, None, now
            )
            for url in allowed
        ] + [
            _page_row(
                crawl.id,
                Seed(url, depth, "link", claim.url),
                CrawlPageStatus.SKIPPED,
                "robots.txt disallows it",
                now,
            )
            for url in refused
        ]
        if not rows:
            return queued, skipped
        inserted = (
            await self.session.execute(
                _insert(self.session)
                .values(rows)
                .on_conflict_do_nothing()
                .returning(CrawlPage.status)
            )
        ).all()
        fresh_queued = sum(row.status == CrawlPageStatus.QUEUED for row in inserted)
        return queued + fresh_queued, skipped + len(inserted) - fresh_queued

    async def _make_room(self, crawl_id: uuid.UUID, count: int, now: dt.datetime) -> int:
        """Skip up to ``count`` queued sitemap-only pages (the last queued first) to make room
        for linked ones; how many were skipped."""
        ids = list(
            await self.session.scalars(
                sa.select(CrawlPage.id)
                .where(
                    CrawlPage.crawl_id == crawl_id,
                    CrawlPage.source == SITEMAP_SOURCE,
                    CrawlPage.status == CrawlPageStatus.QUEUED,
                )
                .order_by(CrawlPage.created_at.desc(), CrawlPage.id.desc())
                .limit(count)
            )
        )
        if ids:
            await self.session.execute(
                sa.update(CrawlPage)
                .where(CrawlPage.id.in_(ids))
                .values(
                    status=CrawlPageStatus.SKIPPED,
                    error="the page limit went to pages that links reach",
                    finished_at=now,
                )
            )
        return len(ids)

    async def fail(self, claim: PageClaim, reason: str) -> Settled | None:
        """The page failed without a record (the worker kept dying on it)."""
        record = PageRecord(
            url=claim.url,
            depth=claim.depth,
            source=claim.source,
            found_on=claim.found_on,
            template=template_of(claim.url),
            error=reason,
        )
        return await self.store(claim, record, error=reason)

    async def release(self, claim: PageClaim, *, attempt: bool = True) -> bool:
        """Give the page back to the queue; ``attempt`` False: the claim does not count as an
        attempt (it only waited for a browser)."""
        updated = await self.session.execute(
            sa.update(CrawlPage)
            .where(*_held_by(claim))
            .values(
                status=CrawlPageStatus.QUEUED,
                claim_token=None,
                lease_expires_at=None,
                attempts=CrawlPage.attempts - (0 if attempt else 1),
                rendered=False,
            )
        )
        return rowcount(updated) == 1

    async def _count(
        self,
        crawl: Crawl,
        options: CrawlOptions,
        *,
        done: int = 0,
        failed: int = 0,
        skipped: int = 0,
        discovered: int = 0,
        size: int = 0,
    ) -> Settled:
        row = (
            await self.session.execute(
                sa.update(Crawl)
                .execution_options(synchronize_session=False)
                .where(Crawl.id == crawl.id)
                .values(
                    done=Crawl.done + done,
                    failed=Crawl.failed + failed,
                    skipped=Crawl.skipped + skipped,
                    discovered=Crawl.discovered + discovered,
                    bytes=Crawl.bytes + size,
                    updated_at=utcnow(),
                )
                .returning(Crawl.discovered, Crawl.done, Crawl.failed, Crawl.skipped)
            )
        ).one()
        # Drained: nothing queued (the pages to offer next) and nothing running.
        offer = await self.next_queued(crawl.id, max(1, options.concurrency))
        running = (
            None
            if offer
            else await self.session.scalar(
                sa.select(CrawlPage.id)
                .where(
                    CrawlPage.crawl_id == crawl.id,
                    CrawlPage.status == CrawlPageStatus.RUNNING,
                )
                .limit(1)
            )
        )
        return Settled(
            crawl_id=crawl.id,
            batch_id=crawl.batch_id,
            drained=not offer and running is None,
            discovered=row.discovered,
            done=row.done,
            failed=row.failed,
            skipped=row.skipped,
            offer=tuple(offer),
        )

    async def next_queued(self, crawl_id: uuid.UUID, limit: int) -> list[uuid.UUID]:
        """The pages to offer next: queued ones, the shallowest and oldest first."""
        rows = await self.session.scalars(
            sa.select(CrawlPage.id)
            .where(CrawlPage.crawl_id == crawl_id, CrawlPage.status == CrawlPageStatus.QUEUED)
            .order_by(CrawlPage.depth, CrawlPage.created_at, CrawlPage.id)
            .limit(limit)
        )
        return list(rows)

    async def begin_finish(self, crawl_id: uuid.UUID) -> Crawl | None:
        """Move a drained crawl to finishing; the crawl if it is (now, or still, after a
        finisher died) finishing, else None."""
        pending = (
            sa.select(CrawlPage.id)
            .where(CrawlPage.crawl_id == crawl_id, CrawlPage.status.in_(_PENDING))
            .exists()
        )
        await self.session.execute(
            sa.update(Crawl)
            .where(Crawl.id == crawl_id, Crawl.status == CrawlStatus.CRAWLING, ~pending)
            .values(status=CrawlStatus.FINISHING, updated_at=utcnow())
        )
        crawl = (
            await self.session.scalars(
                sa.select(Crawl)
                .where(Crawl.id == crawl_id)
                .execution_options(populate_existing=True)
            )
        ).one_or_none()
        if crawl is None or crawl.status != CrawlStatus.FINISHING:
            return None
        return crawl

    async def records(self, crawl_id: uuid.UUID) -> list[PageRecord]:
        """The crawl's page records, in crawl order. Read in chunks: only a chunk of the rows'
        JSON is held at once beside the records (not every page's JSON and its record)."""
        rows = await self.session.stream_scalars(
            sa.select(CrawlPage.record)
            .where(CrawlPage.crawl_id == crawl_id, CrawlPage.record.is_not(None))
            .order_by(CrawlPage.depth, CrawlPage.created_at, CrawlPage.id)
            .execution_options(yield_per=RECORDS_CHUNK)
        )
        return [PageRecord.from_json(row) async for row in rows if row]

    async def complete(
        self, crawl_id: uuid.UUID, report: dict[str, Any] | None, error: str | None
    ) -> uuid.UUID | None:
        """Finishing → completed (or failed); the batch id for the one finisher that wins."""
        now = utcnow()
        batch_id = await self.session.scalar(
            sa.update(Crawl)
            .where(Crawl.id == crawl_id, Crawl.status == CrawlStatus.FINISHING)
            .values(
                status=CrawlStatus.COMPLETED if error is None else CrawlStatus.FAILED,
                report=report,
                error=error,
                finished_at=now,
                updated_at=now,
            )
            .returning(Crawl.batch_id)
        )
        return batch_id

    async def cancel(self, batch_id: uuid.UUID) -> int:
        updated = await self.session.execute(
            sa.update(Crawl)
            .where(
                Crawl.batch_id == batch_id,
                Crawl.status.in_((CrawlStatus.QUEUED, CrawlStatus.CRAWLING)),
            )
            .values(status=CrawlStatus.CANCELLED, finished_at=utcnow(), updated_at=utcnow())
        )
        return rowcount(updated)

    async def counts(self, crawl_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, CrawlCounts]:
        """Each crawl's counters with its pages queued and running now."""
        if not crawl_ids:
            return {}
        crawls = {
            crawl.id: crawl
            for crawl in await self.session.scalars(sa.select(Crawl).where(Crawl.id.in_(crawl_ids)))
        }
        states = await self.session.execute(
            sa.select(CrawlPage.crawl_id, CrawlPage.status, sa.func.count(CrawlPage.id))
            .where(CrawlPage.crawl_id.in_(crawl_ids), CrawlPage.status.in_(_PENDING))
            .group_by(CrawlPage.crawl_id, CrawlPage.status)
        )
        live: dict[tuple[uuid.UUID, str], int] = {(row[0], row[1]): int(row[2]) for row in states}
        return {
            crawl_id: CrawlCounts(
                status=crawl.status,
                discovered=crawl.discovered,
                done=crawl.done,
                failed=crawl.failed,
                skipped=crawl.skipped,
                queued=live.get((crawl_id, CrawlPageStatus.QUEUED), 0),
                running=live.get((crawl_id, CrawlPageStatus.RUNNING), 0),
            )
            for crawl_id, crawl in crawls.items()
        }

    async def pages(
        self,
        crawl_id: uuid.UUID,
        *,
        offset: int,
        limit: int,
        template: str | None = None,
        status: str | None = None,
        failing: str | None = None,
    ) -> tuple[list[CrawlPage], int]:
        """A crawl's pages, shallowest first, filtered by template, status or failing audit
        (the audit is matched in Python: the record is JSON on both dialects)."""
        query = sa.select(CrawlPage).where(CrawlPage.crawl_id == crawl_id)
        if template is not None:
            query = query.where(CrawlPage.template == template)
        if status is not None:
            query = query.where(CrawlPage.status == status)
        query = query.order_by(CrawlPage.depth, CrawlPage.url)
        if failing is None:
            total = await self.session.scalar(
                sa.select(sa.func.count()).select_from(query.subquery())
            )
            rows = await self.session.scalars(query.offset(offset).limit(limit))
            return list(rows), int(total or 0)
        matching = [
            page
            for page in await self.session.scalars(query)
            if failing in ((page.record or {}).get("failing") or ())
        ]
        return matching[offset : offset + limit], len(matching)

    async def rules_of(self, crawl_ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        """The stored rules (robots.txt, sitemaps) of the crawls, by crawl."""
        rows = await self.session.execute(
            sa.select(Crawl.id, Crawl.rules).where(Crawl.id.in_(crawl_ids))
        )
        return {row.id: row.rules for row in rows}

    async def all_pages(self, crawl_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[CrawlPage]]:
        """Every page of the crawls, shallowest first (as ``pages`` orders them), by crawl."""
        found: dict[uuid.UUID, list[CrawlPage]] = {crawl_id: [] for crawl_id in crawl_ids}
        if not crawl_ids:
            return found
        rows = await self.session.scalars(
            sa.select(CrawlPage)
            .where(CrawlPage.crawl_id.in_(crawl_ids))
            .order_by(CrawlPage.crawl_id, CrawlPage.depth, CrawlPage.url)
        )
        for row in rows:
            found[row.crawl_id].append(row)
        return found

    async def stranded(self, now: dt.datetime, limit: int) -> list[tuple[str, uuid.UUID]]:
        """What a crash may have left: queued crawls (start), crawling ones' queued pages and
        running pages on an expired lease (page), crawls with nothing left to fetch or stuck
        finishing (finish). As (kind, id)."""
        found: list[tuple[str, uuid.UUID]] = []
        queued = await self.session.scalars(
            sa.select(Crawl.id).where(Crawl.status == CrawlStatus.QUEUED).limit(limit)
        )
        found += [("start", crawl_id) for crawl_id in queued]
        crawling = list(
            await self.session.scalars(
                sa.select(Crawl.id)
                .where(Crawl.status.in_((CrawlStatus.CRAWLING, CrawlStatus.FINISHING)))
                .limit(limit)
            )
        )
        for crawl_id in crawling:
            expired = await self.session.scalars(
                sa.select(CrawlPage.id)
                .where(
                    CrawlPage.crawl_id == crawl_id,
                    CrawlPage.status == CrawlPageStatus.RUNNING,
                    CrawlPage.lease_expires_at < now,
                )
                .limit(limit)
            )
            pages = [*expired, *await self.next_queued(crawl_id, 4)]
            found += [("page", page_id) for page_id in pages]
            live = await self.session.scalar(
                sa.select(CrawlPage.id)
                .where(CrawlPage.crawl_id == crawl_id, CrawlPage.status.in_(_PENDING))
                .limit(1)
            )
            if live is None:
                found.append(("finish", crawl_id))
        return found


def _held_by(claim: PageClaim) -> tuple[sa.ColumnElement[bool], ...]:
    """The page ``claim`` still holds: running, under the claim's token."""
    return (
        CrawlPage.id == claim.page_id,
        CrawlPage.claim_token == claim.token,
        CrawlPage.status == CrawlPageStatus.RUNNING,
    )


def _page_row(
    crawl_id: uuid.UUID, seed: Seed, status: str, error: str | None, now: dt.datetime
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "crawl_id": crawl_id,
        "url": seed.url,
        "depth": seed.depth,
        "source": seed.source,
        "found_on": seed.found_on,
        "template": template_of(seed.url),
        "status": status,
        "attempts": 0,
        "rendered": False,
        "error": error,
        "created_at": now,
        "finished_at": now if status == CrawlPageStatus.SKIPPED else None,
    }


def _spent(crawl: Crawl, options: CrawlOptions, now: dt.datetime) -> str | None:
    """Why the crawl may fetch no more pages (its time or bytes are spent), or None."""
    started = _aware(crawl.started_at)
    if started is not None and (now - started).total_seconds() > options.time_budget_s:
        return f"the crawl's time budget ({options.time_budget_s:g} s) was spent"
    if crawl.bytes >= options.max_bytes:
        return f"the crawl's download budget ({options.max_bytes} bytes) was spent"
    return None
