/**
 * What the first-week browser tests share: the app over the example company with a quarter of
 * its own (one objective, one metric key result), and what has focus, named as a person would.
 */
import type { Page } from "playwright-core";
import { api, type Harness, signIn } from "./harness.js";
import { startApp } from "./start-app.js";

export interface Created {
  id: string;
  version: number;
}

export interface FirstWeek {
  harness: Harness;
  periodId: string;
  keyResultId: string;
}

/** Starts the app and adds the quarter 2027-Q3 with "Delight our first customers". */
export async function startFirstWeek(): Promise<FirstWeek> {
  const harness = await startApp({ exampleData: true });
  const { page, context } = await harness.newPage();
  await signIn(page, harness.url);
  const period = await api<Created>(page, "POST", "/api/periods", { label: "2027-Q3" });
  const objective = await api<Created>(page, "POST", "/api/objectives", {
    periodId: period.id,
    title: "Delight our first customers",
  });
  const keyResult = await api<Created>(page, "POST", "/api/key-results", {
    objectiveId: objective.id,
    title: "Grow weekly active teams from 10 to 50",
    kind: "metric",
    unit: "count",
    start: 10,
    target: 50,
  });
  await context.close();
  return { harness, periodId: period.id, keyResultId: keyResult.id };
}

/** What has focus, as a person would name it: its accessible name or its text. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "the page";
    return active.getAttribute("aria-label") ?? active.textContent?.trim() ?? active.tagName;
  });
}
