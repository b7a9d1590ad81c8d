// A tiny store of error notifications, fed by the QueryClient's cache-level onError handlers.
import { useSyncExternalStore } from "react";
import type { Problem } from "../api/problem";

export interface Notification {
  id: number;
  problem: Problem;
}

let items: Notification[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function sameProblem(a: Problem, b: Problem): boolean {
  return a.status === b.status && a.title === b.title && a.detail === b.detail;
}

/** Show a problem; an identical one already showing is not repeated (polling queries fail every tick). */
export function notifyProblem(problem: Problem): void {
  if (items.some((item) => sameProblem(item.problem, problem))) return;
  items = [...items, { id: nextId++, problem }].slice(-5);
  emit();
}

export function dismissNotification(id: number): void {
  items = items.filter((item) => item.id !== id);
  emit();
}

export function clearNotifications(): void {
  items = [];
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNotifications(): Notification[] {
  return useSyncExternalStore(subscribe, () => items);
}
