/** The system's Chromium for the browser tests and the browser bench row (no browser downloads). */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The Chromium on PATH (chromium, chromium-browser, google-chrome), or undefined. */
export function findChromium(): string | undefined {
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of names) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
