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
         * @description The comparison as a report file: HTML, Markdown, CSV (one row per metric) or JSON.
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
        /** AnalysisCreate */
        AnalysisCreate: {
            /**
             * Mode
             * @description static, or browser (rendered in Chromium); by default browser where Chromium is installed
             */
            mode?: ("static" | "browser") | null;
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
            /** Result */
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
             * Mode
             * @description static, or browser (rendered in Chromium); by default browser where Chromium is installed
             */
            mode?: ("static" | "browser") | null;
            /** Name */
            name?: string | null;
            /**
             * Primary Url
             * @description Your own site; must be one of ``urls``
             */
            primary_url?: string | null;
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
            /** Status */
            status: string;
            /** Total Urls */
            total_urls: number;
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
         * ErrorDetail
         * @description The body of every error but 422: what went wrong, for a person to read.
         */
        ErrorDetail: {
            /** Detail */
            detail: string;
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
            /** Best */
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
            /** Leaders */
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
            /** Values */
            values: {
                [key: string]: number;
            };
            /** Worst */
            worst: number;
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
             * @description The single site ranked first; None on a tie
             */
            leader: string | null;
            /**
             * Leaders
             * @description Every site ranked first
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
            /** Competitors Passing */
            competitors_passing: string[];
            /** Competitors Total */
            competitors_total: number;
            /**
             * Description
             * @description What the audit checks and how to fix it
             */
            description: string | null;
            /**
             * Goal
             * @description The audit's passing title: what to achieve
             */
            goal: string | null;
            /**
             * Impact
             * @description potential_points * adoption: the ranking key
             */
            impact: number;
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
            /** Score */
            score: number;
            /**
             * Title
             * @description What is wrong, as the audit puts it
             */
            title: string;
            /** Your Value */
            your_value?: string | null;
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
            /** Overall Rank */
            overall_rank?: number | null;
            /** Overall Score */
            overall_score?: number | null;
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
        /** SiteRecommendations */
        SiteRecommendations: {
            /** Items */
            items: components["schemas"]["Recommendation"][];
            /** Url */
            url: string;
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
                /** @description html (self-contained), md, csv or json */
                format?: "html" | "md" | "csv" | "json";
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
