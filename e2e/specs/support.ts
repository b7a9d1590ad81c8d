import type { APIRequestContext, Page } from "@playwright/test";
import { join } from "node:path";

/** A full-page screenshot into the run's screenshot folder (printed by global-setup). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(process.env.TUNIX_RT_E2E_SHOTS ?? "test-results", `${name}.png`), fullPage: true });
}

export interface TraceInput {
  prompt: string;
  final_answer: string;
  steps: { i: number; type: string; content: string }[];
  tags?: string[];
  meta?: Record<string, unknown>;
}

/** A trace unique to this run (a random word in the prompt keeps content hashes apart). */
export function trace(prompt: string, steps: [string, string][], finalAnswer: string, tags: string[] = []): TraceInput {
  return {
    prompt,
    final_answer: finalAnswer,
    steps: steps.map(([type, content], i) => ({ i, type, content })),
    tags,
  };
}

export async function createTrace(request: APIRequestContext, body: TraceInput): Promise<string> {
  const response = await request.post("/api/traces", { data: body });
  if (!response.ok()) throw new Error(`POST /api/traces: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export function unique(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
