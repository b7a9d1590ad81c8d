import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { clearNotifications } from "../app/notifications";

afterEach(() => {
  cleanup();
  clearNotifications();
  if (typeof window !== "undefined") window.localStorage.clear();
});
