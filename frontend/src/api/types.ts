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
