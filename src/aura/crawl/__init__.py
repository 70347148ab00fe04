"""Crawling a whole site: the engine's part (no database, queue or web).

The crawl is driven page by page by the crawl jobs of the domain layer; this package gives
them what one page needs: URL normalisation and scope (``urls``), the site's rules from
robots.txt and its sitemaps (``rules``), the record of one fetched page (``page``), route
templates (``templates``), and the site-level audits over all the records (``site``).
"""
