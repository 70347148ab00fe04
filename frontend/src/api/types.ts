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
export type Ranking = Schemas["Ranking"];
export type MetricRow = Schemas["MetricRow"];
export type Matrix = Schemas["Matrix"];
export type MatrixCell = Schemas["MatrixCell"];
export type Recommendation = Schemas["Recommendation"];
export type SiteStandings = Schemas["SiteStandings"];
export type TechnologySection = Schemas["TechnologySection"];
export type ContentSection = Schemas["ContentSection"];
export type DesignSection = Schemas["DesignSection"];
export type Finding = Schemas["Finding"];
export type Gaps = Schemas["Gaps"];
