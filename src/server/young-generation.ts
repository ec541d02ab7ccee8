/**
 * The young generation (where V8 puts new objects) of a starting server. Start-up allocates a
 * lot once (modules, migrations, routes) and V8 answers by growing the young generation: pages
 * that then stay resident while the server idles, several MB. While the server starts, the
 * young generation keeps its size; once it listens, it grows as V8 sees fit under load.
 * (`--semi-space-growth-factor`: V8 reads it each time it would grow; 2 is its default.)
 */
import { setFlagsFromString } from "node:v8";

const V8_DEFAULT_GROWTH = 2;

/** Keeps the young generation at its size until the returned function is called. */
export function holdYoungGeneration(): () => void {
  setFlagsFromString("--semi-space-growth-factor=1");
  return () => setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH}`);
}
