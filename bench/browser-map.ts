/**
 * The alignment map in a real browser: a quarter of 1,000 objectives (3,000 key results) opened
 * as a map in headless Chromium, then panned and zoomed for a few seconds, one input per frame
 * (arrow keys pan; the wheel zooms out to the whole map, where every card is drawn, and back in).
 * Measured: the 95th percentile of the intervals between animation frames while it moves. Target:
 * p95 within one 60 Hz frame (16.7 ms) plus 5% for the timer's jitter, so a frame is never
 * dropped in 19 of 20. The baseline is the same page standing still: its frame interval is what
 * the browser gives any page. Needs `npm run build` (the server serves `dist/web`) and `chromium`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { createUser } from "../src/app/accounts.js";
import { SYSTEM_ACTOR } from "../src/app/deps.js";
import { openDatabase } from "../src/store/database.js";
import { findChromium } from "../test/support/chromium.js";
import { depsOf } from "./support/accounts.js";
import { medianOf } from "./support/measure.js";
import { withServedOrg } from "./support/served.js";
import { ROOT } from "./support/server.js";
import type { Bench, BenchRow } from "./types.js";

const ORG = {
  people: 400,
  teams: 80,
  quarters: 1,
  objectives: 1000,
  keyResults: 3000,
  checkIns: 6000,
};

const USER = { email: "map@example.com", password: "bench-map-password" };
const FRAME_MS = 1000 / 60;

/**
 * In the page: one input per animation frame along a script (pan right, zoom out to the whole
 * map, zoom back in, pan down), or none when `still`; answers the sorted frame intervals.
 */
const MOVE_SCRIPT = (frames: number, still: boolean) => `(async () => {
  const map = document.querySelector(".map-viewport");
  if (!map) throw new Error("no map on the page");
  const box = map.getBoundingClientRect();
  const quarter = ${Math.round(frames / 4)};
  const input = (i) => {
    if (${still}) return;
    if (i < quarter || i >= 3 * quarter) {
      const key = i < quarter ? "ArrowRight" : "ArrowDown";
      map.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      return;
    }
    const deltaY = i < 2 * quarter ? 90 : -90;
    map.dispatchEvent(new WheelEvent("wheel", {
      deltaY, bubbles: true, cancelable: true,
      clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
    }));
  };
  const stamps = [];
  let drawn = 0;
  await new Promise((done) => {
    let i = 0;
    const step = (t) => {
      stamps.push(t);
      if (i >= ${frames}) return done();
      if (i === 2 * quarter) drawn = document.querySelectorAll("article.map-card").length;
      input(i++);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const gaps = [];
  for (let i = 1; i < stamps.length; i++) gaps.push(stamps[i] - stamps[i - 1]);
  return { gaps: gaps.sort((a, b) => a - b), drawn };
})()`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

const bench: Bench = async (ctx) => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no chromium on PATH: the map row needs one");
  if (!existsSync(join(ROOT, "dist", "web", "index.html")))
    throw new Error("dist/web is missing: run `npm run build` first (the server serves it)");
  const runs = Math.max(3, Math.round(5 * ctx.scale));
  const frames = 240;
  const row = await withServedOrg(ctx, "sqlite", "browser-map", ORG, async (server, org) => {
    const opened = await openDatabase(org.url, { poolSize: 1 });
    try {
      await createUser(depsOf(opened), SYSTEM_ACTOR, {
        email: USER.email,
        name: "Map",
        role: "viewer",
        password: USER.password,
      });
    } finally {
      await opened.close();
    }
    const browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const signedIn = await page.request.post(`${server.url}/api/session`, { data: USER });
      if (!signedIn.ok()) throw new Error(`sign-in answered ${signedIn.status()}`);
      await page.goto(`${server.url}/#/periods/${org.periodId}/map`);
      await page.locator("article.map-card").first().waitFor({ timeout: 60_000 });
      ctx.progress(`browser map: ${ORG.objectives} cards, ${runs} runs of ${frames} frames`);
      const moving: number[] = [];
      const still: number[] = [];
      let worst = 0;
      let drawnAtWhole = 0;
      for (let run = -1; run < runs; run++) {
        const idle = await page.evaluate<{ gaps: number[] }>(MOVE_SCRIPT(frames, true));
        const moved = await page.evaluate<{ gaps: number[]; drawn: number }>(
          MOVE_SCRIPT(frames, false),
        );
        drawnAtWhole = moved.drawn;
        if (run < 0) continue;
        moving.push(percentile(moved.gaps, 0.95));
        still.push(percentile(idle.gaps, 0.95));
        worst = Math.max(worst, moved.gaps[moved.gaps.length - 1] ?? 0);
        // Back to where the script starts.
        await page.getByRole("button", { name: "Fit" }).click();
      }
      const value = medianOf(moving);
      const baseline = medianOf(still);
      return {
        name: `alignment map: pan and zoom, ${ORG.objectives} cards (Chromium, p95 frame)`,
        value,
        baseline,
        baselineName: "the same page standing still (p95 frame)",
        unit: "ms",
        ratio: value / baseline,
        target: Math.round(FRAME_MS * 1.05 * 10) / 10,
        targetOn: "value",
        note: `median of ${runs} runs of ${frames} frames, one input a frame; worst single frame ${worst.toFixed(1)} ms; ${drawnAtWhole} cards drawn when zoomed out furthest`,
      } satisfies BenchRow;
    } finally {
      await browser.close();
    }
  });
  return [row];
};

export default bench;
