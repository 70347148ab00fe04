// Generated from Aura's OpenAPI schema by scripts/gen-api.mjs. Do not edit by hand:
// run `npm run gen:api` after changing the API.

export interface paths {
    "/api/v1/analyses/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create Analysis */
        post: operations["create_analysis_api_v1_analyses__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analyses/{analysis_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Analysis */
        get: operations["get_analysis_api_v1_analyses__analysis_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/analyses/{analysis_id}/screenshots/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Screenshot
         * @description A screenshot of a browser-mode analysis: ``desktop.png``, ``mobile.png`` or
         *     ``full-page.png`` (the result's ``browser.screenshots`` lists those it has).
         */
        get: operations["get_screenshot_api_v1_analyses__analysis_id__screenshots__name__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/competitive/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Batches */
        get: operations["list_batches_api_v1_competitive__get"];
        put?: never;
        /** Create Batch */
        post: operations["create_batch_api_v1_competitive__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/competitive/{batch_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Batch */
        get: operations["get_batch_api_v1_competitive__batch_id__get"];
        put?: never;
        post?: never;
        /** Delete Batch */
        delete: operations["delete_batch_api_v1_competitive__batch_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/competitive/{batch_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel Batch */
        post: operations["cancel_batch_api_v1_competitive__batch_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/competitive/{batch_id}/comparison": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Comparison */
        get: operations["get_comparison_api_v1_competitive__batch_id__comparison_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/competitive/{batch_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Comparison
         * @description The comparison as a report file: HTML, Markdown, CSV (one row per metric), JSON or PDF;
         *     or the crawled sites' pages as CSV (``pages-csv``).
         */
        get: operations["export_comparison_api_v1_competitive__batch_id__export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/competitive/{batch_id}/sites/{url_id}/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Crawl Pages
         * @description The pages of one site's crawl (``url_id``: the site's id in the batch's ``urls``).
         */
        get: operations["list_crawl_pages_api_v1_competitive__batch_id__sites__url_id__pages_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Sets */
        get: operations["list_sets_api_v1_sets__get"];
        put?: never;
        /**
         * Create Set
         * @description A new set; 409 when the name is taken, 422 naming each bad URL, selector or
         *     schedule field. A set with a schedule starts runs: it counts as one.
         */
        post: operations["create_set_api_v1_sets__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Set */
        get: operations["get_set_api_v1_sets__set_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Set
         * @description Delete the set, its alert rules, alerts and change records; its runs stay as batches.
         */
        delete: operations["delete_set_api_v1_sets__set_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update Set
         * @description Change the fields given; future runs use them. A changed or paused schedule gets a
         *     new next run (and counts as a start of runs).
         */
        patch: operations["update_set_api_v1_sets__set_id__patch"];
        trace?: never;
    };
    "/api/v1/sets/{set_id}/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Alert Rules */
        get: operations["list_alert_rules_api_v1_sets__set_id__alert_rules_get"];
        put?: never;
        /** Create Alert Rule */
        post: operations["create_alert_rule_api_v1_sets__set_id__alert_rules_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}/alert-rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Alert Rule */
        delete: operations["delete_alert_rule_api_v1_sets__set_id__alert_rules__rule_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Alerts
         * @description The set's alerts, newest first, with the state of their webhook delivery.
         */
        get: operations["list_alerts_api_v1_sets__set_id__alerts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Changes
         * @description What changed between two finished runs of the set, site by site. A pair other
         *     than the stored latest one is compared on request, and counts as a report.
         */
        get: operations["get_changes_api_v1_sets__set_id__changes_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Runs
         * @description The set's runs, newest first, with each finished run's overall scores.
         */
        get: operations["list_runs_api_v1_sets__set_id__runs_get"];
        put?: never;
        /**
         * Run Set
         * @description Run the set now: a new batch of its URLs, analysed in the background.
         */
        post: operations["run_set_api_v1_sets__set_id__runs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}/runs/{batch_id}/visual/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Visual
         * @description An overlay image: the run's desktop screenshot with the areas that changed since the
         *     earlier run marked. ``name`` is a change document's ``sites[].visual.overlay``.
         */
        get: operations["get_visual_api_v1_sets__set_id__runs__batch_id__visual__name__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sets/{set_id}/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Trends
         * @description Scores and ranks of every site over the set's finished runs, oldest first.
         */
        get: operations["get_trends_api_v1_sets__set_id__trends_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server Status */
        get: operations["server_status_api_v1_status_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Healthz */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readyz */
        get: operations["readyz_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AlertList */
        AlertList: {
            /** Items */
            items: components["schemas"]["AlertRead"][];
        };
        /** AlertRead */
        AlertRead: {
            /**
             * Batch Id
             * Format: uuid
             */
            batch_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            delivery: components["schemas"]["DeliveryRead"];
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "overtaken" | "competitor_content_changed" | "competitor_technology_changed" | "score_dropped";
            /** Message */
            message: string;
            /**
             * Previous Batch Id
             * Format: uuid
             */
            previous_batch_id: string;
            /** Rule Id */
            rule_id: string | null;
            /**
             * Set Id
             * Format: uuid
             */
            set_id: string;
            /** Site */
            site: string | null;
        };
        /** AlertRuleCreate */
        AlertRuleCreate: {
            /**
             * Category
             * @description overtaken, score_dropped: ``overall`` or a category id
             * @default overall
             */
            category: string;
            /**
             * Channel
             * @description webhook: the signed JSON document POSTed to webhook_url; slack: a readable message POSTed to a Slack-compatible incoming webhook (webhook_url); email: a message to email_to through the server's SMTP settings
             * @default webhook
             * @enum {string}
             */
            channel: "webhook" | "slack" | "email";
            /**
             * Digest
             * @description One message per run with all the rule's alerts, not one per alert
             * @default false
             */
            digest: boolean;
            /**
             * Email To
             * @description email: the recipients' addresses
             */
            email_to?: string[];
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
            /**
             * Fields
             * @description competitor_content_changed: which of title, meta_description, headline, calls_to_action, navigation, main_text, pricing
             */
            fields?: string[];
            /**
             * Kind
             * @enum {string}
             */
            kind: "overtaken" | "competitor_content_changed" | "competitor_technology_changed" | "score_dropped";
            /**
             * Points
             * @description score_dropped: the fall that triggers it
             */
            points?: number | null;
            /**
             * Secret
             * @description Shared secret: each delivery carries X-Aura-Signature, sha256=HMAC-SHA256(secret, '<X-Aura-Timestamp>.<body>') in hex
             */
            secret?: string | null;
            /**
             * Webhook Url
             * @description Where alerts are POSTed (JSON)
             */
            webhook_url?: string | null;
        };
        /** AlertRuleList */
        AlertRuleList: {
            /** Items */
            items: components["schemas"]["AlertRuleRead"][];
        };
        /** AlertRuleRead */
        AlertRuleRead: {
            /** Category */
            category: string;
            /**
             * Channel
             * @enum {string}
             */
            channel: "webhook" | "slack" | "email";
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Description
             * @description Readable, e.g. 'A competitor overtakes us in SEO'
             */
            description: string;
            /** Digest */
            digest: boolean;
            /** Email To */
            email_to: string[];
            /** Enabled */
            enabled: boolean;
            /** Fields */
            fields: string[];
            /** Has Secret */
            has_secret: boolean;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "overtaken" | "competitor_content_changed" | "competitor_technology_changed" | "score_dropped";
            /** Points */
            points: number | null;
            /**
             * Set Id
             * Format: uuid
             */
            set_id: string;
            /** Webhook Url */
            webhook_url: string | null;
        };
        /** AnalysisCreate */
        AnalysisCreate: {
            /**
             * Mode
             * @description static, or browser (rendered in Chromium); by default browser where Chromium is installed
             */
            mode?: ("static" | "browser") | null;
            /**
             * Runs
             * @description Browser mode: render each page this many times (1, the default, to 5) and report the median run, with every run's lab metrics in the result's lab_spread; static analyses ignore it
             */
            runs?: number | null;
            /**
             * Url
             * @description The page to analyse
             */
            url: string;
        };
        /** AnalysisRead */
        AnalysisRead: {
            /** Analysis Version */
            analysis_version: string | null;
            /** Attempts */
            attempts: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Duration Ms */
            duration_ms: number | null;
            /** Error */
            error: string | null;
            /** Final Url */
            final_url: string | null;
            /** Finished At */
            finished_at: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Mode */
            mode: string;
            /**
             * Result
             * @description The analysis result; each audit carries its details as stored and as typed blocks (`view`: tables, lists and properties with typed values, see `aura.audit.details`)
             */
            result: {
                [key: string]: unknown;
            } | null;
            /** Started At */
            started_at: string | null;
            /** Status */
            status: string;
            /** Url */
            url: string;
        };
        /** BatchCreate */
        BatchCreate: {
            /**
             * Depth
             * @description Clicks from the start page a crawl follows (default 5)
             */
            depth?: number | null;
            /**
             * Exclude
             * @description Glob patterns on a URL's path and query; a crawl skips the pages matching one
             */
            exclude?: string[] | null;
            /**
             * Include
             * @description Glob patterns on a URL's path and query (``/blog/*``); a crawled page must match one
             */
            include?: string[] | null;
            /**
             * Labels
             * @description Optional names for the URLs (URL as given in ``urls`` → name, at most 200 characters); a named site is called so in the comparison instead of the name taken from its page
             */
            labels?: {
                [key: string]: string;
            } | null;
            /**
             * Mode
             * @description static, or browser (rendered in Chromium); by default browser where Chromium is installed
             */
            mode?: ("static" | "browser") | null;
            /** Name */
            name?: string | null;
            /**
             * Pages
             * @description Pages to analyse per site, the start page included; 1 (the default) analyses the start pages only, more crawls each site
             */
            pages?: number | null;
            /**
             * Primary Url
             * @description Your own site; must be one of ``urls``
             */
            primary_url?: string | null;
            /**
             * Runs
             * @description Browser mode: render each page this many times (1, the default, to 5) and report the median run, with every run's lab metrics in the result's lab_spread; static analyses ignore it
             */
            runs?: number | null;
            /**
             * Subdomains
             * @description Whether a crawl follows links to other subdomains
             */
            subdomains?: boolean | null;
            /**
             * Urls
             * @description Your site and its competitors (2 to AURA_MAX_BATCH_URLS)
             */
            urls: string[];
        };
        /** BatchPage */
        BatchPage: {
            /** Items */
            items: components["schemas"]["BatchRead"][];
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
            /** Total */
            total: number;
        };
        /** BatchRead */
        BatchRead: {
            /** Completed Urls */
            completed_urls: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Error */
            error: string | null;
            /** Failed Urls */
            failed_urls: number;
            /** Finished At */
            finished_at: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Mode */
            mode: string;
            /** Name */
            name: string | null;
            /** Primary Url */
            primary_url: string | null;
            /** Progress */
            progress: number;
            /**
             * Set Id
             * @description The comparison set this batch is a run of
             */
            set_id?: string | null;
            /** Status */
            status: string;
            /** Total Urls */
            total_urls: number;
            /**
             * Trigger
             * @description What started a set's run: manual, schedule or cli
             */
            trigger?: string | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Urls */
            urls: components["schemas"]["BatchUrlRead"][];
            /** Version */
            version: number;
        };
        /** BatchUrlRead */
        BatchUrlRead: {
            /**
             * Analysis Id
             * Format: uuid
             */
            analysis_id: string;
            /** @description The site's crawl (batches of more than one page per site) */
            crawl?: components["schemas"]["CrawlRead"] | null;
            /** Error */
            error: string | null;
            /** Final Url */
            final_url: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Is Primary */
            is_primary: boolean;
            /**
             * Label
             * @description The name the user gave the URL
             */
            label?: string | null;
            /**
             * Stage
             * @description What a running URL is doing: fetching the page, rendering it in Chromium (browser mode), or auditing what was gathered; None unless running
             */
            stage?: ("fetching" | "rendering" | "auditing") | null;
            /** Status */
            status: string;
            /** Url */
            url: string;
        };
        /** CategoryGap */
        CategoryGap: {
            /** Best Score */
            best_score: number;
            /** Best Urls */
            best_urls: string[];
            /** Category */
            category: string;
            /**
             * Gap
             * @description Points behind the best competitor
             */
            gap: number;
            /** Of */
            of: number;
            /** Rank */
            rank: number;
            /** Score */
            score: number;
            /** Title */
            title: string;
        };
        /** ComparisonDocument */
        ComparisonDocument: {
            /** Analysis Version */
            analysis_version: string | null;
            /**
             * Compared
             * @description How many sites were compared
             */
            compared: number;
            /** Comparison Version */
            comparison_version: string;
            content: components["schemas"]["ContentSection"];
            design: components["schemas"]["DesignSection"];
            /** @description Only when the primary site was compared */
            gaps: components["schemas"]["Gaps"] | null;
            matrix: components["schemas"]["Matrix"];
            /** Metrics */
            metrics: components["schemas"]["MetricRow"][];
            /** Notes */
            notes: string[];
            /**
             * Partial
             * @description Some URLs were not compared (failed or excluded)
             */
            partial: boolean;
            /** Primary Url */
            primary_url: string | null;
            rankings: components["schemas"]["Rankings"];
            /**
             * Recommendations
             * @description For the primary site, or for each site when there is no primary
             */
            recommendations: components["schemas"]["SiteRecommendations"][];
            /**
             * Recommendations Order
             * @description One line: how recommendations are ranked
             */
            recommendations_order: string;
            /** @description The site-level comparison, when the sites were crawled */
            site?: components["schemas"]["SiteSection"] | null;
            /** Sites */
            sites: components["schemas"]["Site"][];
            /** Strengths */
            strengths: components["schemas"]["SiteStandings"][];
            /** Summary */
            summary: components["schemas"]["Finding"][];
            technology: components["schemas"]["TechnologySection"];
            /** Total */
            total: number;
        };
        /** ComparisonRead */
        ComparisonRead: {
            /** Analysis Version */
            analysis_version: string;
            /**
             * Batch Id
             * Format: uuid
             */
            batch_id: string;
            comparison: components["schemas"]["ComparisonDocument"];
            /** Comparison Version */
            comparison_version: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Status */
            status: string;
        };
        /** CompetitorExample */
        CompetitorExample: {
            /** Display Value */
            display_value?: string | null;
            /**
             * Evidence
             * @description What the competitor's page has that a reader can check (its calls to action, logo, headline…), as found on it
             */
            evidence?: string[];
            /** Score */
            score: number;
            /** Url */
            url: string;
        };
        /** ContentSection */
        ContentSection: {
            /** Overlap */
            overlap: components["schemas"]["VocabularyOverlap"][];
            /**
             * Shared Keywords
             * @description Keywords of every site with keywords
             */
            shared_keywords: string[];
            /** Sites */
            sites: components["schemas"]["SiteContent"][];
        };
        /** CrawlPageList */
        CrawlPageList: {
            /** Items */
            items: components["schemas"]["CrawlPageRead"][];
            /** Page */
            page: number;
            /** Page Size */
            page_size: number;
            /** Total */
            total: number;
        };
        /**
         * CrawlPageRead
         * @description One page of a site's crawl.
         */
        CrawlPageRead: {
            /** Attempts */
            attempts: number;
            /**
             * Depth
             * @description Link depth: clicks from the start page along the links the crawl followed (None: only a sitemap led to the page)
             */
            depth: number | null;
            /** Error */
            error: string | null;
            /**
             * Failing
             * @description The page's failing audits
             */
            failing: string[];
            /** Found On */
            found_on: string | null;
            /**
             * Http Status
             * @description The page's HTTP status (None: not fetched)
             */
            http_status: number | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Rendered */
            rendered: boolean;
            /** Source */
            source: string;
            /** Status */
            status: string;
            /** Template */
            template: string | null;
            /** Title */
            title: string | null;
            /** Url */
            url: string;
        };
        /**
         * CrawlRead
         * @description A site's crawl: its state and counters (``queued``: pages waiting or running).
         */
        CrawlRead: {
            /** Discovered */
            discovered: number;
            /** Done */
            done: number;
            /** Error */
            error: string | null;
            /** Failed */
            failed: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Queued */
            queued: number;
            /** Skipped */
            skipped: number;
            /** Status */
            status: string;
        };
        /**
         * CrawlSpec
         * @description A comparison set's crawl of each site, used by each of its runs.
         */
        CrawlSpec: {
            /**
             * Depth
             * @description Clicks from the start
             * @default 5
             */
            depth: number;
            /** Exclude */
            exclude?: string[];
            /** Include */
            include?: string[];
            /**
             * Pages
             * @description Pages per site
             * @default 1
             */
            pages: number;
            /**
             * Subdomains
             * @default false
             */
            subdomains: boolean;
        };
        /** DeliveryRead */
        DeliveryRead: {
            /** Attempts */
            attempts: number;
            /** Delivered At */
            delivered_at: string | null;
            /** Last Error */
            last_error: string | null;
            /** Next Attempt At */
            next_attempt_at: string | null;
            /**
             * Status
             * @description none when the rule sends nothing (no webhook, no recipients) or the alert went out in its run's digest
             * @enum {string}
             */
            status: "pending" | "sending" | "delivered" | "failed" | "none";
        };
        /**
         * Delta
         * @description A score or metric of one site in both runs.
         */
        Delta: {
            /** After */
            after: number | null;
            /** Before */
            before: number | null;
            /**
             * Change
             * @description after - before; None unless both are known
             */
            change: number | null;
            /**
             * Direction
             * @description Whether a higher or a lower value is better
             * @enum {string}
             */
            direction: "higher" | "lower";
            /**
             * Id
             * @description ``overall``, a category id, or a metric id
             */
            id: string;
            /** Label */
            label: string;
            /**
             * Note
             * @description Why an unmeasured value was not compared when both runs have one: timings taken another way, or disturbed by a busy host
             */
            note?: string | null;
            /**
             * Unit
             * @enum {string}
             */
            unit: "ms" | "bytes" | "count" | "ratio" | "score" | "bool" | "unitless";
            /**
             * Verdict
             * @description better/worse by more than the metric's noise threshold and outside both runs' measured spread, else unchanged; new/gone when the site is in one run only; unmeasured when the site was analysed in both but one lacks the value, or the two were not measured alike (a measurement gap, not a change)
             * @enum {string}
             */
            verdict: "better" | "worse" | "unchanged" | "new" | "gone" | "unmeasured";
        };
        /** DesignSection */
        DesignSection: {
            /** Shared Colors */
            shared_colors: string[];
            /** Shared Fonts */
            shared_fonts: string[];
            /** Sites */
            sites: components["schemas"]["SiteDesign"][];
        };
        /**
         * DiffSegment
         * @description One piece of a readable diff: words (short fields) or lines (main text).
         */
        DiffSegment: {
            /**
             * Op
             * @enum {string}
             */
            op: "equal" | "insert" | "delete";
            /** Text */
            text: string;
        };
        /**
         * ErrorDetail
         * @description The body of every error but 422: what went wrong, for a person to read.
         */
        ErrorDetail: {
            /** Detail */
            detail: string;
        };
        /**
         * FailingItem
         * @description One element, file or value of the site that makes the audit fail.
         */
        FailingItem: {
            /**
             * Bytes
             * @description Its size, when it is a file
             */
            bytes?: number | null;
            /**
             * Kind
             * @enum {string}
             */
            kind: "url" | "element" | "value";
            /**
             * Label
             * @description A URL, an HTML snippet or CSS selector, or a value
             */
            label: string;
            /**
             * Note
             * @description What is wrong with it, when known
             */
            note?: string | null;
            /**
             * Savings Bytes
             * @description Bytes the fix saves
             */
            savings_bytes?: number | null;
        };
        /** Finding */
        Finding: {
            /** Category */
            category?: string | null;
            /**
             * Kind
             * @enum {string}
             */
            kind: "partial" | "overall" | "category" | "metric" | "audit" | "technology";
            /** Text */
            text: string;
            /** Url */
            url?: string | null;
        };
        /** Gaps */
        Gaps: {
            /** Categories */
            categories: components["schemas"]["CategoryGap"][];
            /** Metrics */
            metrics: components["schemas"]["MetricGap"][];
            /** Primary Url */
            primary_url: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** Keyword */
        Keyword: {
            /** Keyword */
            keyword: string;
            /** Score */
            score: number;
        };
        /** Matrix */
        Matrix: {
            /** Categories */
            categories: components["schemas"]["MatrixCategory"][];
            /** Sites */
            sites: string[];
        };
        /** MatrixCategory */
        MatrixCategory: {
            /** Audits */
            audits: components["schemas"]["MatrixRow"][];
            /** Category */
            category: string;
            /** Title */
            title: string;
        };
        /** MatrixCell */
        MatrixCell: {
            /** Display Value */
            display_value?: string | null;
            /** Score */
            score?: number | null;
            /**
             * Status
             * @enum {string}
             */
            status: "pass" | "fail" | "n/a" | "info" | "error" | "missing";
        };
        /** MatrixRow */
        MatrixRow: {
            /** Cells */
            cells: {
                [key: string]: components["schemas"]["MatrixCell"];
            };
            /** Description */
            description?: string | null;
            /** Failing */
            failing: string[];
            /** Id */
            id: string;
            /** Passing */
            passing: string[];
            /** Title */
            title: string;
            /** Weight */
            weight: number;
        };
        /** MetricGap */
        MetricGap: {
            /** Best Urls */
            best_urls: string[];
            /** Best Value */
            best_value: number;
            /**
             * Direction
             * @enum {string}
             */
            direction: "higher" | "lower";
            /**
             * Gap
             * @description Absolute distance to the best competitor, in ``unit``
             */
            gap: number;
            /** Id */
            id: string;
            /** Label */
            label: string;
            /**
             * Relative Gap
             * @description gap / max(|value|, |best_value|), 0-1
             */
            relative_gap: number;
            /**
             * Unit
             * @enum {string}
             */
            unit: "ms" | "bytes" | "count" | "ratio" | "score" | "bool" | "unitless";
            /** Value */
            value: number;
        };
        /** MetricRow */
        MetricRow: {
            /**
             * Best
             * @description The best reliable value (the best value when none is)
             */
            best: number;
            /**
             * Direction
             * @description Whether a higher or a lower value is better
             * @enum {string}
             */
            direction: "higher" | "lower";
            /**
             * Distance To Leader
             * @description |value - best| per site
             */
            distance_to_leader: {
                [key: string]: number;
            };
            /** Id */
            id: string;
            /** Label */
            label: string;
            /** Leader */
            leader: string | null;
            /**
             * Leaders
             * @description Reliable sites whose value is within noise of the best reliable value
             */
            leaders: string[];
            /** Median */
            median: number;
            /** Ranks */
            ranks: {
                [key: string]: number;
            };
            /**
             * Unit
             * @enum {string}
             */
            unit: "ms" | "bytes" | "count" | "ratio" | "score" | "bool" | "unitless";
            /**
             * Unreliable
             * @description Sites whose value depends on resources that failed to load
             */
            unreliable?: string[];
            /** Values */
            values: {
                [key: string]: number;
            };
            /** Worst */
            worst: number;
        };
        /**
         * Overtake
         * @description ``site`` was behind ``overtaken`` in ``category`` in the earlier run and is ahead now,
         *     both times by more than the category's noise.
         */
        Overtake: {
            /** Category */
            category: string;
            /** Label */
            label: string;
            /** Overtaken */
            overtaken: string;
            /** Overtaken After */
            overtaken_after: number | null;
            /** Overtaken Before */
            overtaken_before: number | null;
            /** Site */
            site: string;
            /** Site After */
            site_after: number | null;
            /** Site Before */
            site_before: number | null;
        };
        /**
         * Plan
         * @description A plan found on a pricing page.
         */
        Plan: {
            /**
             * Currency
             * @description ISO 4217 code when known (USD, EUR, GBP…)
             */
            currency: string | null;
            /**
             * Features
             * @description What the plan includes, as its card lists it
             */
            features?: string[];
            /** Name */
            name: string;
            /**
             * Period
             * @description month, year, week, day, one-time, or None
             */
            period: string | null;
            /**
             * Price
             * @description None for 'Contact us' and similar
             */
            price: number | null;
            /**
             * Price Text
             * @description The price as the page wrote it
             */
            price_text: string;
        };
        /** PlanChange */
        PlanChange: {
            after: components["schemas"]["Plan"] | null;
            before: components["schemas"]["Plan"] | null;
            /**
             * Change
             * @enum {string}
             */
            change: "added" | "removed" | "price" | "currency" | "period" | "features";
            /** Plan */
            plan: string;
            /** Summary */
            summary: string;
        };
        /** PossibleTechnology */
        PossibleTechnology: {
            /** Confidence */
            confidence?: number | null;
            /** Name */
            name: string;
        };
        /** PricingChange */
        PricingChange: {
            /** After Url */
            after_url: string | null;
            /**
             * Before Url
             * @description The pricing page found in the earlier run
             */
            before_url: string | null;
            /** Changes */
            changes: components["schemas"]["PlanChange"][];
        };
        /** RankChange */
        RankChange: {
            /** After */
            after: number | null;
            /** Before */
            before: number | null;
            /**
             * Category
             * @description ``overall`` or a category id
             */
            category: string;
            /** Label */
            label: string;
            /**
             * Verdict
             * @enum {string}
             */
            verdict: "up" | "down" | "unchanged" | "new" | "gone";
        };
        /** Ranking */
        Ranking: {
            /**
             * Category
             * @description ``overall`` or a category id
             */
            category: string;
            /** Entries */
            entries: components["schemas"]["RankingEntry"][];
            /**
             * Leader
             * @description The single leader; None on a tie (within noise) or without a reliable site
             */
            leader: string | null;
            /**
             * Leaders
             * @description Reliable sites whose score is within noise of the best reliable score
             */
            leaders: string[];
            /**
             * Spread
             * @description Best score minus worst score
             */
            spread: number | null;
            /** Title */
            title: string;
            /**
             * Unranked
             * @description Compared sites without a score here
             */
            unranked?: string[];
            /**
             * Unreliable
             * @description Sites whose score here depends on resources that failed to load: ranked, but never the leader
             */
            unreliable?: string[];
        };
        /** RankingEntry */
        RankingEntry: {
            /**
             * Rank
             * @description Standard competition rank: equal scores share a rank
             */
            rank: number;
            /** Score */
            score: number;
            /** Url */
            url: string;
        };
        /** Rankings */
        Rankings: {
            /** Categories */
            categories: components["schemas"]["Ranking"][];
            overall: components["schemas"]["Ranking"];
            /**
             * Overall Categories
             * @description The categories averaged into the overall score (those scored for every compared site)
             */
            overall_categories: string[];
        };
        /** Recommendation */
        Recommendation: {
            /**
             * Action
             * @description What to do, in the imperative, naming the worst item
             */
            action: string;
            /**
             * Adoption
             * @description Share of competitors that pass the audit
             */
            adoption: number;
            /** Audit Id */
            audit_id: string;
            /** Best Competitor Score */
            best_competitor_score: number | null;
            /** Categories */
            categories: string[];
            /**
             * Competitors
             * @description Competitors that do better, best first
             */
            competitors: components["schemas"]["CompetitorExample"][];
            /**
             * Competitors Passing
             * @description Competitors that pass it, with real evidence (placeholder pages are not)
             */
            competitors_passing: string[];
            /** Competitors Total */
            competitors_total: number;
            /**
             * Description
             * @description What the audit checks
             */
            description: string | null;
            /**
             * Fix
             * @description Short steps that fix it
             */
            fix: string[];
            /**
             * Goal
             * @description The audit's passing title: what to achieve
             */
            goal: string | null;
            /**
             * Impact
             * @description Expected gain: the ranking key (see ``recommendations_order``)
             */
            impact: number;
            /**
             * Items
             * @description The worst failing items, worst first
             */
            items: components["schemas"]["FailingItem"][];
            /**
             * Items Total
             * @description How many failing items the audit found
             */
            items_total: number;
            /**
             * Kind
             * @description ``catch_up``: competitors already pass it; ``opportunity``: none does
             * @enum {string}
             */
            kind: "catch_up" | "opportunity";
            /**
             * Potential Points
             * @description Overall-score points gained by matching the best competitor (or by passing, when no competitor does better)
             */
            potential_points: number;
            /**
             * Savings Bytes
             * @description Bytes saved by fixing every item, when measured
             */
            savings_bytes?: number | null;
            /**
             * Savings Ms
             * @description Milliseconds gained by reaching the audit's good mark, when measured
             */
            savings_ms?: number | null;
            /** Score */
            score: number;
            /**
             * Severity
             * @enum {string}
             */
            severity: "critical" | "high" | "medium" | "low";
            /**
             * Severity Reason
             * @description Why it matters: the risk, WCAG level or cost
             */
            severity_reason: string;
            /**
             * Snippets
             * @description Server configuration that fixes it
             */
            snippets: components["schemas"]["ServerSnippet"][];
            /**
             * Title
             * @description What is wrong, as the audit puts it
             */
            title: string;
            /** Your Value */
            your_value?: string | null;
        };
        /**
         * RunChanges
         * @description Every change between two runs of a set, site by site.
         */
        RunChanges: {
            after: components["schemas"]["RunRef"];
            before: components["schemas"]["RunRef"];
            /** Overtakes */
            overtakes?: components["schemas"]["Overtake"][];
            /** Primary Url */
            primary_url: string | null;
            /** Sites */
            sites: components["schemas"]["SiteChanges"][];
            /** Summary */
            summary?: string[];
            /**
             * Version
             * @default 1.0
             * @constant
             */
            version: "1.0";
        };
        /** RunList */
        RunList: {
            /** Items */
            items: components["schemas"]["RunSummary"][];
        };
        /**
         * RunRef
         * @description One run of a set: a batch.
         */
        RunRef: {
            /**
             * Batch Id
             * Format: uuid
             */
            batch_id: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Finished At */
            finished_at: string | null;
            /** Status */
            status: string;
        };
        /** RunSummary */
        RunSummary: {
            /**
             * Batch Id
             * Format: uuid
             */
            batch_id: string;
            /**
             * Change Count
             * @description Changes against the previous run, once computed
             */
            change_count?: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Finished At */
            finished_at: string | null;
            /**
             * Number
             * @description Its place among the set's runs, oldest first: 'Run 3' is the third
             */
            number: number;
            /** Progress */
            progress: number;
            /**
             * Scores
             * @description URL → overall score in this run (finished runs)
             */
            scores?: {
                [key: string]: number | null;
            };
            /** Status */
            status: string;
            /**
             * Trigger
             * @enum {string}
             */
            trigger: "manual" | "schedule" | "cli";
        };
        /** ScheduleRead */
        ScheduleRead: {
            /** Cron */
            cron: string | null;
            /**
             * Description
             * @description Readable, e.g. 'every 6 hours' or 'cron 0 9 * * 1'
             */
            description: string;
            /** Enabled */
            enabled: boolean;
            /** Every Hours */
            every_hours: number | null;
            /** Last Run At */
            last_run_at: string | null;
            /**
             * Next Run At
             * @description None when disabled or no schedule
             */
            next_run_at: string | null;
            /** Timezone */
            timezone: string;
        };
        /**
         * ScheduleSpec
         * @description Run the set every N hours, or on a cron expression (5 fields) in a time zone.
         */
        ScheduleSpec: {
            /**
             * Cron
             * @description A 5-field cron expression, e.g. '0 9 * * 1'
             */
            cron?: string | null;
            /**
             * Enabled
             * @default true
             */
            enabled: boolean;
            /**
             * Every Hours
             * @description Interval between runs, in hours
             */
            every_hours?: number | null;
            /**
             * Starts At
             * @description First run of an interval schedule (default: now + interval)
             */
            starts_at?: string | null;
            /**
             * Timezone
             * @description IANA zone the cron expression is read in
             * @default UTC
             */
            timezone: string;
        };
        /** ServerSnippet */
        ServerSnippet: {
            /** Code */
            code: string;
            /**
             * Server
             * @description nginx, Apache or Caddy
             */
            server: string;
        };
        /** ServerStatus */
        ServerStatus: {
            /**
             * Default Mode
             * @description The mode of analyses that do not name one
             */
            default_mode: string;
            /** Version */
            version: string;
            /**
             * Warnings
             * @description Parts of the analysis switched off on this server, each with its fix
             */
            warnings: string[];
        };
        /** SetCreate */
        SetCreate: {
            /** @description Crawl each site in every run (default: the start pages only) */
            crawl?: components["schemas"]["CrawlSpec"] | null;
            /**
             * Ignore Selectors
             * @description URL (one of ``urls``) → CSS selectors whose content change tracking ignores (rotating banners, counters, dates)
             */
            ignore_selectors?: {
                [key: string]: string[];
            };
            /**
             * Labels
             * @description URL (one of ``urls``) → the name to show for it in every run (at most 200 characters; blank: the name is derived from the page)
             */
            labels?: {
                [key: string]: string;
            } | null;
            /** Mode */
            mode?: ("static" | "browser") | null;
            /**
             * Name
             * @description Unique name of the set
             */
            name: string;
            /**
             * Primary Url
             * @description Your own site; one of ``urls``
             */
            primary_url?: string | null;
            /**
             * Runs
             * @description Browser mode: render each page this many times (1, the default, to 5) and report the median run, with every run's lab metrics in the result's lab_spread; static analyses ignore it
             */
            runs?: number | null;
            schedule?: components["schemas"]["ScheduleSpec"] | null;
            /**
             * Urls
             * @description Your site and its competitors (2 to AURA_MAX_BATCH_URLS)
             */
            urls: string[];
        };
        /** SetList */
        SetList: {
            /** Items */
            items: components["schemas"]["SetRead"][];
        };
        /** SetRead */
        SetRead: {
            /** @description The crawl of each run */
            crawl?: components["schemas"]["CrawlSpec"] | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Ignore Selectors */
            ignore_selectors: {
                [key: string]: string[];
            };
            /**
             * Labels
             * @description URL → the name the user gave it (only those given)
             */
            labels?: {
                [key: string]: string;
            };
            last_run: components["schemas"]["RunSummary"] | null;
            /** Mode */
            mode: string | null;
            /** Name */
            name: string;
            /** Primary Url */
            primary_url: string | null;
            /** Run Count */
            run_count: number;
            /**
             * Runs
             * @description Renders of each page per run (browser mode)
             * @default 1
             */
            runs: number;
            schedule: components["schemas"]["ScheduleRead"] | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Urls */
            urls: string[];
        };
        /**
         * SetUpdate
         * @description Fields to change; those left out stay as they are. ``schedule: null`` removes it.
         */
        SetUpdate: {
            /** @description The crawl of each run; null goes back to the start pages */
            crawl?: components["schemas"]["CrawlSpec"] | null;
            /** Ignore Selectors */
            ignore_selectors?: {
                [key: string]: string[];
            } | null;
            /**
             * Labels
             * @description Replaces every label (``{}`` removes them); left out, the labels of the URLs still in the set stay
             */
            labels?: {
                [key: string]: string;
            } | null;
            /** Mode */
            mode?: ("static" | "browser") | null;
            /** Name */
            name?: string | null;
            /** Primary Url */
            primary_url?: string | null;
            /**
             * Runs
             * @description Browser mode: render each page this many times (1, the default, to 5) and report the median run, with every run's lab metrics in the result's lab_spread; static analyses ignore it
             */
            runs?: number | null;
            schedule?: components["schemas"]["ScheduleSpec"] | null;
            /** Urls */
            urls?: string[] | null;
        };
        /** Site */
        Site: {
            /** Analysis Version */
            analysis_version?: string | null;
            /**
             * Compared
             * @description Whether the site takes part in rankings and gaps
             */
            compared: boolean;
            /** Error */
            error: string | null;
            /** Final Url */
            final_url?: string | null;
            /** Is Primary */
            is_primary: boolean;
            /** Mode */
            mode?: string | null;
            /**
             * Name
             * @description What to call the site: the label the user gave it, its og:site_name, the brand part of its title, or its host (unique within the batch; user or page text). None in older documents
             */
            name?: string | null;
            /** Overall Rank */
            overall_rank?: number | null;
            /** Overall Score */
            overall_score?: number | null;
            /** @description How the page rendered; None for results older than it */
            render_health?: components["schemas"]["SiteHealth"] | null;
            /**
             * Scores
             * @description Category id → score 0-100 (None: not scored)
             */
            scores?: {
                [key: string]: number | null;
            };
            /** Security Grade */
            security_grade?: string | null;
            /**
             * Status
             * @description The analysis status; ``excluded`` when it was left out (another analysis version or a duplicate URL)
             */
            status: string;
            /** Title */
            title?: string | null;
            /** Url */
            url: string;
        };
        /** SiteChanges */
        SiteChanges: {
            /**
             * Change Count
             * @description Changes a user would want to hear of: score/metric deltas that are better or worse, technology, content, pricing and a visual change (rank moves are shown, not counted: a site moves when another passes it)
             */
            change_count: number;
            /** Content */
            content?: components["schemas"]["TextChange"][];
            /** Error */
            error?: string | null;
            /** Is Primary */
            is_primary: boolean;
            /**
             * Metrics
             * @description Key metrics
             */
            metrics?: components["schemas"]["Delta"][];
            /**
             * Name
             * @description What to call the site, as the run's comparison does (the user's label, its og:site_name, the title's brand, its host); None in changes stored before names
             */
            name?: string | null;
            pricing?: components["schemas"]["PricingChange"] | null;
            /** Ranks */
            ranks?: components["schemas"]["RankChange"][];
            /**
             * Scores
             * @description overall + categories
             */
            scores?: components["schemas"]["Delta"][];
            /**
             * Status
             * @description changed/unchanged; new or gone when the site is in only one run; failed when its analysis failed in either run (error says which)
             * @enum {string}
             */
            status: "changed" | "unchanged" | "new" | "gone" | "failed";
            /**
             * Summary
             * @description Readable sentences
             */
            summary?: string[];
            /** Technology */
            technology?: components["schemas"]["TechnologyChange"][];
            /** Url */
            url: string;
            visual?: components["schemas"]["VisualChange"] | null;
        };
        /** SiteContent */
        SiteContent: {
            /** Ctas */
            ctas?: string[];
            /**
             * Distinctive Keywords
             * @description TF-IDF of the site's keywords against the others
             */
            distinctive_keywords?: components["schemas"]["Keyword"][];
            /** Headline */
            headline?: string | null;
            /** Hero Text */
            hero_text?: string | null;
            /** Keywords */
            keywords?: string[];
            /** Language */
            language?: string | null;
            /** Reading Ease */
            reading_ease?: number | null;
            /** Reading Grade */
            reading_grade?: number | null;
            /** Reading Minutes */
            reading_minutes?: number | null;
            /** Url */
            url: string;
            /** Word Count */
            word_count?: number | null;
        };
        /** SiteDesign */
        SiteDesign: {
            /** Accent Color */
            accent_color?: string | null;
            /** Body Font */
            body_font?: string | null;
            /**
             * Brand Color
             * @description From the rendered page
             */
            brand_color?: string | null;
            /** Dark Mode */
            dark_mode?: boolean | null;
            /** Distinct Colors */
            distinct_colors?: number | null;
            /** Distinct Font Sizes */
            distinct_font_sizes?: number | null;
            /** Font Family Count */
            font_family_count?: number | null;
            /** Font Services */
            font_services?: string[];
            /** Fonts */
            fonts?: string[];
            /** Has Logo */
            has_logo?: boolean | null;
            /**
             * Heading Font
             * @description From the rendered page
             */
            heading_font?: string | null;
            /** Palette */
            palette?: string[];
            /** Theme Color */
            theme_color?: string | null;
            /** Url */
            url: string;
        };
        /**
         * SiteFigureRow
         * @description One headline figure of the crawled sites, side by side.
         */
        SiteFigureRow: {
            /**
             * Direction
             * @description Whether more is better; None when neither is (e.g. pages crawled)
             */
            direction: ("higher" | "lower") | null;
            /** Id */
            id: string;
            /** Label */
            label: string;
            /**
             * Leaders
             * @description Sites within noise of the best value (with a direction, and a difference beyond noise)
             */
            leaders?: string[];
            /**
             * Unit
             * @enum {string}
             */
            unit: "ms" | "bytes" | "count" | "ratio" | "score" | "bool" | "unitless";
            /**
             * Values
             * @description Per site; None: cannot tell
             */
            values: {
                [key: string]: number | null;
            };
        };
        /**
         * SiteFindingRow
         * @description One site-level audit across the crawled sites: how many pages or links each has.
         */
        SiteFindingRow: {
            /**
             * Best
             * @description Sites with the smallest share of what they had checked (pages, links or groups found out of those checked; a point apart is beyond noise); empty when all are alike or it is information only
             */
            best: string[];
            /**
             * Category
             * @description The site score it deducts from, if any
             */
            category: string | null;
            /**
             * Checked
             * @description Per site: what was checked
             */
            checked: {
                [key: string]: number;
            };
            /**
             * Counts
             * @description Per site: pages, links or groups found; None: not applicable or cannot tell (see ``notes``)
             */
            counts: {
                [key: string]: number | null;
            };
            /** Id */
            id: string;
            /**
             * Notes
             * @description Per site, when given
             */
            notes?: {
                [key: string]: string;
            };
            /**
             * Severity
             * @enum {string}
             */
            severity: "critical" | "high" | "medium" | "low" | "info";
            /**
             * Text
             * @description The primary site against the best competitor, in words
             */
            text?: string | null;
            /** Title */
            title: string;
        };
        /** SiteHealth */
        SiteHealth: {
            /** Blank */
            blank?: boolean | null;
            /**
             * Failed
             * @description Those that failed to load
             * @default 0
             */
            failed: number;
            /** Failed Share */
            failed_share?: number | null;
            /** Reasons */
            reasons?: string[];
            /**
             * Requested
             * @description Stylesheets, scripts, fonts and images asked for
             * @default 0
             */
            requested: number;
            /**
             * Status
             * @enum {string}
             */
            status: "healthy" | "degraded";
            /**
             * Unreliable
             * @description Categories whose results depend on what failed: they win no leader, strength or summary finding for this site
             */
            unreliable?: string[];
            /** Unstyled */
            unstyled?: boolean | null;
        };
        /** SiteRecommendations */
        SiteRecommendations: {
            /** Items */
            items: components["schemas"]["Recommendation"][];
            /** Url */
            url: string;
        };
        /** SiteScoreEvidence */
        SiteScoreEvidence: {
            /**
             * Deductions
             * @description Finding id → points taken off
             */
            deductions: {
                [key: string]: number;
            };
            /**
             * Lowest Pages
             * @description The pages with the lowest scores, lowest first
             */
            lowest_pages: string[];
            /** Pages */
            pages: number;
            /**
             * Pages Score
             * @description Mean of the template means of the pages' scores
             */
            pages_score: number;
        };
        /** SiteScoreRow */
        SiteScoreRow: {
            /** Category */
            category: string;
            /** Evidence */
            evidence: {
                [key: string]: components["schemas"]["SiteScoreEvidence"];
            };
            /** Leader */
            leader: string | null;
            /** Leaders */
            leaders: string[];
            /**
             * Ranks
             * @description Standard competition rank of each scored site
             */
            ranks?: {
                [key: string]: number;
            };
            /** Scores */
            scores: {
                [key: string]: number | null;
            };
            /** Title */
            title: string;
        };
        /**
         * SiteSection
         * @description The sites as crawled: only in batches whose sites carry a crawl (``result["site"]``).
         */
        SiteSection: {
            /** Figures */
            figures: components["schemas"]["SiteFigureRow"][];
            /** Findings */
            findings: components["schemas"]["SiteFindingRow"][];
            /**
             * Reports
             * @description Each site's site report (``aura.crawl.site.site_report``): findings with the pages behind them; page URLs and values are page text
             */
            reports: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /** Scores */
            scores: components["schemas"]["SiteScoreRow"][];
            /** Scores Rule */
            scores_rule: string;
            /**
             * Sites
             * @description Compared sites with a crawl, in batch order
             */
            sites: string[];
            /**
             * Statements
             * @description What the primary site does worse or better than the others, in words (site names are user or page text)
             */
            statements: string[];
            /** Structured Data */
            structured_data: components["schemas"]["StructuredDataRow"][];
            /** Templates */
            templates: components["schemas"]["TemplateRow"][];
            /**
             * Topics
             * @description Per crawled site, its main topics, the weightiest first (empty: no page had keywords, e.g. a crawl made before Aura kept them)
             */
            topics?: {
                [key: string]: components["schemas"]["SiteTopic"][];
            };
            /**
             * Without Crawl
             * @description Compared sites analysed as one page
             */
            without_crawl: string[];
        };
        /** SiteStandings */
        SiteStandings: {
            /** Strengths */
            strengths: components["schemas"]["Standing"][];
            /** Url */
            url: string;
            /** Weaknesses */
            weaknesses: components["schemas"]["Standing"][];
        };
        /**
         * SiteTopic
         * @description A main topic of a crawled site: a term weighted across its pages.
         */
        SiteTopic: {
            /**
             * Pages
             * @description Pages with the term among their keywords
             */
            pages: number;
            /**
             * Term
             * @description Page text (a word of the pages' main text)
             */
            term: string;
            /**
             * Weight
             * @description The sum over those pages of the term's count relative to the page's top keyword (plus 0.5 when in the page's H1)
             */
            weight: number;
        };
        /** SiteTrend */
        SiteTrend: {
            /** Is Primary */
            is_primary: boolean;
            /**
             * Ranks
             * @description ``overall`` and category id → rank per run, in ``runs`` order
             */
            ranks: {
                [key: string]: (number | null)[];
            };
            /**
             * Scores
             * @description ``overall`` and category id → one value per run, in ``runs`` order (None where the site was not analysed or not scored)
             */
            scores: {
                [key: string]: (number | null)[];
            };
            /** Url */
            url: string;
        };
        /** Standing */
        Standing: {
            /** Id */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "category" | "metric" | "audit";
            /** Label */
            label: string;
            /** Margin */
            margin?: number | null;
            /**
             * Reference
             * @description For a strength the runner-up's value; for a weakness the leader's
             */
            reference?: number | null;
            /** Text */
            text: string;
            /** Value */
            value?: number | null;
        };
        /**
         * StructuredDataRow
         * @description A schema.org type: per site, the template where it marks the most pages, and its share.
         */
        StructuredDataRow: {
            /** Coverage */
            coverage: {
                [key: string]: components["schemas"]["TemplateCoverage"] | null;
            };
            /** Leaders */
            leaders: string[];
            /** Text */
            text?: string | null;
            /** Type */
            type: string;
        };
        /** TechnologyChange */
        TechnologyChange: {
            /** After Version */
            after_version: string | null;
            /** Before Version */
            before_version: string | null;
            /** Categories */
            categories: string[];
            /**
             * Change
             * @enum {string}
             */
            change: "added" | "removed" | "version";
            /** Name */
            name: string;
        };
        /** TechnologyGroup */
        TechnologyGroup: {
            /** Category */
            category: string;
            /** Technologies */
            technologies: components["schemas"]["TechnologyRow"][];
        };
        /** TechnologyRow */
        TechnologyRow: {
            /** Categories */
            categories: string[];
            /** Icon */
            icon?: string | null;
            /** Name */
            name: string;
            /** Sites */
            sites: {
                [key: string]: components["schemas"]["TechnologyUse"];
            };
            /** Used By */
            used_by: string[];
            /** Website */
            website?: string | null;
        };
        /** TechnologySection */
        TechnologySection: {
            /**
             * Available
             * @description Whether any compared site has technology data
             */
            available: boolean;
            /** Groups */
            groups: components["schemas"]["TechnologyGroup"][];
            /**
             * Possible
             * @description Per site, technologies whose only evidence is below the confidence floor (DOM-only hints): possible, not facts, and in none of the lists above
             */
            possible?: {
                [key: string]: components["schemas"]["PossibleTechnology"][];
            };
            /**
             * Shared
             * @description Used by every site with data
             */
            shared: string[];
            /** Sites With Data */
            sites_with_data: string[];
            /** Sites Without Data */
            sites_without_data: string[];
            /**
             * Unavailable
             * @description Why detection gave nothing, per site, when known
             */
            unavailable?: {
                [key: string]: string;
            };
            /**
             * Unique
             * @description Used by that site alone
             */
            unique: {
                [key: string]: string[];
            };
            /**
             * Versions
             * @description Technologies used by several sites with a known version somewhere
             */
            versions: components["schemas"]["VersionRow"][];
        };
        /** TechnologyUse */
        TechnologyUse: {
            /** Confidence */
            confidence?: number | null;
            /** Version */
            version?: string | null;
        };
        /** TemplateCoverage */
        TemplateCoverage: {
            /**
             * Marked
             * @description Those with the type
             */
            marked: number;
            /**
             * Pages
             * @description Pages of the template
             */
            pages: number;
            /** Share */
            share: number;
            /** Template */
            template: string;
        };
        /** TemplateRow */
        TemplateRow: {
            /**
             * Pages
             * @description Pages of the template per site
             */
            pages: {
                [key: string]: number;
            };
            /** Template */
            template: string;
        };
        /**
         * TextChange
         * @description A changed piece of page content, after normalisation (dates, counters) and the
         *     set's ignore selectors.
         */
        TextChange: {
            /**
             * Added
             * @description List fields and main text: items/lines now present
             */
            added?: string[];
            /** After */
            after: string | null;
            /**
             * Before
             * @description The whole old value (lists joined by newlines)
             */
            before: string | null;
            /** Diff */
            diff?: components["schemas"]["DiffSegment"][];
            /**
             * Field
             * @enum {string}
             */
            field: "title" | "meta_description" | "headline" | "calls_to_action" | "navigation" | "main_text";
            /** Label */
            label: string;
            /**
             * Removed
             * @description List fields and main text: items/lines now gone
             */
            removed?: string[];
            /**
             * Summary
             * @description One readable sentence, e.g. 'Headline changed'
             */
            summary: string;
        };
        /** TrendRun */
        TrendRun: {
            /**
             * At
             * Format: date-time
             * @description When the run finished (or was created)
             */
            at: string;
            /**
             * Batch Id
             * Format: uuid
             */
            batch_id: string;
            /** Status */
            status: string;
        };
        /** Trends */
        Trends: {
            /**
             * Categories
             * @description ``overall`` then the category ids
             */
            categories: string[];
            /**
             * Runs
             * @description Finished runs, oldest first
             */
            runs: components["schemas"]["TrendRun"][];
            /** Sites */
            sites: components["schemas"]["SiteTrend"][];
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /** VersionRow */
        VersionRow: {
            /** Name */
            name: string;
            /** Versions */
            versions: {
                [key: string]: string | null;
            };
        };
        /**
         * VisualChange
         * @description The above-the-fold desktop screenshots of both runs compared perceptually.
         */
        VisualChange: {
            /** Changed Percent */
            changed_percent: number;
            /**
             * Overlay
             * @description File name of the overlay image (the new screenshot with changed areas marked), served under the run's visual endpoint; None when nothing changed
             */
            overlay: string | null;
            /**
             * Screenshot
             * @description Which screenshot was compared, e.g. desktop.png
             */
            screenshot: string;
        };
        /** VocabularyOverlap */
        VocabularyOverlap: {
            /** A */
            a: string;
            /** B */
            b: string;
            /** Shared */
            shared: string[];
            /**
             * Similarity
             * @description Jaccard index of the two keyword sets, 0-1
             */
            similarity: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    create_analysis_api_v1_analyses__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnalysisCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalysisRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    get_analysis_api_v1_analyses__analysis_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                analysis_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalysisRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_screenshot_api_v1_analyses__analysis_id__screenshots__name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                analysis_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PNG screenshot */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_batches_api_v1_competitive__get: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchPage"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_batch_api_v1_competitive__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    get_batch_api_v1_competitive__batch_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_batch_api_v1_competitive__batch_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    cancel_batch_api_v1_competitive__batch_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_comparison_api_v1_competitive__batch_id__comparison_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComparisonRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    export_comparison_api_v1_competitive__batch_id__export_get: {
        parameters: {
            query?: {
                /** @description html (self-contained), md, csv, json, pdf (the HTML report printed by the server's Chromium), or pages-csv (every crawled page, a row each) */
                format?: "html" | "md" | "csv" | "json" | "pdf" | "pages-csv";
            };
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report as a file (see Content-Disposition for its name) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                    "application/pdf": unknown;
                    "text/csv; charset=utf-8": unknown;
                    "text/html; charset=utf-8": unknown;
                    "text/markdown; charset=utf-8": unknown;
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The comparison is not ready (or the batch failed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description PDF asked for, and Chromium is not installed on the server */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_crawl_pages_api_v1_competitive__batch_id__sites__url_id__pages_get: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
                template?: string | null;
                status?: ("queued" | "running" | "done" | "failed" | "skipped") | null;
                /** @description An audit id the page fails */
                failing?: string | null;
            };
            header?: never;
            path: {
                batch_id: string;
                url_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlPageList"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_sets_api_v1_sets__get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetList"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    create_set_api_v1_sets__post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    get_set_api_v1_sets__set_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_set_api_v1_sets__set_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_set_api_v1_sets__set_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SetRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    list_alert_rules_api_v1_sets__set_id__alert_rules_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleList"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_alert_rule_api_v1_sets__set_id__alert_rules_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_alert_rule_api_v1_sets__set_id__alert_rules__rule_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_alerts_api_v1_sets__set_id__alerts_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertList"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_changes_api_v1_sets__set_id__changes_get: {
        parameters: {
            query?: {
                /** @description The earlier run (default: the run before to_run) */
                from_run?: string | null;
                /** @description The later run (default: the latest finished run) */
                to_run?: string | null;
            };
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunChanges"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    list_runs_api_v1_sets__set_id__runs_get: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunList"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    run_set_api_v1_sets__set_id__runs_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchRead"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many requests of this kind; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
        };
    };
    get_visual_api_v1_sets__set_id__runs__batch_id__visual__name__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
                batch_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The overlay image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": unknown;
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_trends_api_v1_sets__set_id__trends_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                set_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trends"];
                };
            };
            /** @description The request body could not be read */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description A valid bearer token is required (when AURA_API_TOKENS is set) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Not possible in the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description The request body is over AURA_MAX_REQUEST_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDetail"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    server_status_api_v1_status_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServerStatus"];
                };
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    readyz_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
}
