// Names for the generated OpenAPI types the UI uses (src/api/schema.d.ts is generated: `make openapi`).
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

export type Health = Schemas["Health"];
export type TraceSummary = Schemas["TraceSummary"];
export type TraceRead = Schemas["TraceRead"];
export type TracePage = Schemas["TracePage"];
export type TraceStats = Schemas["TraceStats"];
export type TraceCompare = Schemas["TraceCompare"];
export type StepDiffRun = Schemas["StepDiffRun"];
export type Step = Schemas["Step"];
export type QualityReport = Schemas["QualityReport"];
export type ArithmeticCheck = Schemas["ArithmeticCheck"];
export type BatchResult = Schemas["BatchResult"];
export type ImportResult = Schemas["ImportResult"];
export type SynthRequest = Schemas["SynthRequest"];
export type TagsUpdate = Schemas["TagsUpdate"];

/** The documented query parameters of GET /api/traces (meta.KEY=VALUE pairs come on top). */
export type TraceListQuery = NonNullable<paths["/api/traces"]["get"]["parameters"]["query"]>;

export type DatasetSummary = Schemas["DatasetSummary"];
export type DatasetRead = Schemas["DatasetRead"];
export type DatasetPage = Schemas["DatasetPage"];
export type DatasetCreate = Schemas["DatasetCreate"];
export type DatasetDiff = Schemas["DatasetDiff"];
export type TraceQuery = Schemas["TraceQuery"];
export type QueryCount = Schemas["QueryCount"];
export type RenderTemplate = Schemas["RenderTemplate"];

export type RunRead = Schemas["RunRead"];
export type RunPage = Schemas["RunPage"];
export type RunCreate = Schemas["RunCreate"];
export type RunUpdate = Schemas["RunUpdate"];
export type RunStatus = RunRead["status"];
export type LogLine = Schemas["LogLine"];
export type LogPage = Schemas["LogPage"];
export type RunMetrics = Schemas["RunMetrics"];
export type RolloutPage = Schemas["RolloutPage"];
export type RolloutRead = Schemas["RolloutRead"];
export type RolloutSteps = Schemas["RolloutSteps"];
export type MetricSeries = Schemas["MetricSeries"];
export type MetricsBatch = Schemas["MetricsBatch"];
export type RunSeries = Schemas["RunSeries"];
export type ArtifactEntry = Schemas["ArtifactEntry"];
export type ArtifactList = Schemas["ArtifactList"];
export type RunSummary = Schemas["RunSummary"];
export type WorkerSummary = Schemas["WorkerSummary"];
/** The documented filters of GET /api/runs. */
export type RunListQuery = NonNullable<paths["/api/runs"]["get"]["parameters"]["query"]>;

export type EvaluationSummary = Schemas["EvaluationSummary"];
export type EvaluationRead = Schemas["EvaluationRead"];
export type EvaluationItem = Schemas["EvaluationItemRead"];
export type ItemHistory = Schemas["ItemHistory"];
export type ItemHistoryEntry = Schemas["ItemHistoryEntry"];
export type ItemDiff = Schemas["ItemDiff"];
export type LabelRead = Schemas["LabelRead"];
export type LabelSet = Schemas["LabelSet"];
export type AgreementReport = Schemas["AgreementReport"];
export type JudgeAgreement = Schemas["JudgeAgreement"];
export type LeaderboardPage = Schemas["LeaderboardPage"];
export type SettingsDifference = Schemas["SettingsDifference"];
export type SettingsMismatch = Schemas["SettingsMismatch"];
export type BaselineCreate = Schemas["BaselineCreate"];
export type BaselineRead = Schemas["BaselineRead"];
export type RegressionCheck = Schemas["RegressionCheck"];
export type RegressionResult = Schemas["RegressionResult"];
export type EvalSetDerive = Schemas["EvalSetDerive"];
/** The documented filters of GET /api/leaderboard. */
export type LeaderboardQuery = NonNullable<paths["/api/leaderboard"]["get"]["parameters"]["query"]>;

export type ModelRead = Schemas["ModelRead"];
export type ModelPage = Schemas["ModelPage"];
export type VersionRead = Schemas["VersionRead"];
export type VersionDetail = Schemas["VersionDetail"];
export type VersionList = Schemas["VersionList"];
export type VersionCreate = Schemas["VersionCreate"];
export type PromoteResult = Schemas["PromoteResult"];
export type AliasRead = Schemas["AliasRead"];
export type AliasList = Schemas["AliasList"];

export type SweepRead = Schemas["SweepRead"];
export type SweepPage = Schemas["SweepPage"];
export type SweepSummary = Schemas["SweepSummary"];
export type SweepCreate = Schemas["SweepCreate"];
export type SweepPromote = Schemas["SweepPromote"];
export type TrialRead = Schemas["TrialRead"];
export type ParallelTable = Schemas["ParallelTable"];
export type TableColumn = Schemas["TableColumn"];

export type LoopRead = Schemas["LoopRead"];
export type LoopPage = Schemas["LoopPage"];
export type LoopSummary = Schemas["LoopSummary"];
export type LoopCreate = Schemas["LoopCreate"];
export type RoundRead = Schemas["RoundRead"];
