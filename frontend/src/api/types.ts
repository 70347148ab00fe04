// Names for the generated API types; nothing here is written by hand but the aliases.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Batch = Schemas["BatchRead"];
export type BatchUrl = Schemas["BatchUrlRead"];
export type BatchPage = Schemas["BatchPage"];
export type BatchCreate = Schemas["BatchCreate"];
export type ComparisonRead = Schemas["ComparisonRead"];
export type Analysis = Schemas["AnalysisRead"];
export type ValidationError = Schemas["ValidationError"];
export type AnalysisMode = NonNullable<BatchCreate["mode"]>;

export type ComparisonDocument = Schemas["ComparisonDocument"];
export type DocSite = Schemas["Site"];
export type SiteHealth = Schemas["SiteHealth"];
export type Ranking = Schemas["Ranking"];
export type MetricRow = Schemas["MetricRow"];
export type Matrix = Schemas["Matrix"];
export type MatrixCell = Schemas["MatrixCell"];
export type Recommendation = Schemas["Recommendation"];
export type FailingItem = Schemas["FailingItem"];
export type CompetitorExample = Schemas["CompetitorExample"];
export type SiteStandings = Schemas["SiteStandings"];
export type TechnologySection = Schemas["TechnologySection"];
export type ContentSection = Schemas["ContentSection"];
export type DesignSection = Schemas["DesignSection"];
export type Finding = Schemas["Finding"];
export type Gaps = Schemas["Gaps"];

// Comparison sets, their runs, changes, trends and alerts (/api/v1/sets).
export type SetRead = Schemas["SetRead"];
export type SetList = Schemas["SetList"];
export type SetCreate = Schemas["SetCreate"];
export type SetUpdate = Schemas["SetUpdate"];
export type ScheduleSpec = Schemas["ScheduleSpec"];
export type ScheduleRead = Schemas["ScheduleRead"];
export type RunSummary = Schemas["RunSummary"];
export type RunList = Schemas["RunList"];
export type RunChanges = Schemas["RunChanges"];
export type SiteChanges = Schemas["SiteChanges"];
export type Delta = Schemas["Delta"];
export type RankChange = Schemas["RankChange"];
export type TechnologyChange = Schemas["TechnologyChange"];
export type TextChange = Schemas["TextChange"];
export type DiffSegment = Schemas["DiffSegment"];
export type PricingChange = Schemas["PricingChange"];
export type PlanChange = Schemas["PlanChange"];
export type Plan = Schemas["Plan"];
export type VisualChange = Schemas["VisualChange"];
export type Overtake = Schemas["Overtake"];
export type Trends = Schemas["Trends"];
export type SiteTrend = Schemas["SiteTrend"];
export type AlertRuleCreate = Schemas["AlertRuleCreate"];
export type AlertRuleRead = Schemas["AlertRuleRead"];
export type AlertRuleList = Schemas["AlertRuleList"];
export type AlertRead = Schemas["AlertRead"];
export type AlertList = Schemas["AlertList"];
export type AlertKind = AlertRuleCreate["kind"];
export type ServerStatusRead = Schemas["ServerStatus"];
