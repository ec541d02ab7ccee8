/** `okr export --period L --format md --in-place FILE`: rewrite a page where it lives. */
import { readFile } from "node:fs/promises";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { writePeriodPage } from "../../app/sync.js";
import { cannotRead, writeOutputFile } from "./output-file.js";
import { withDatabase } from "./user.js";

export async function runInPlace(
  label: string,
  file: string,
  databaseUrl: string | undefined,
): Promise<void> {
  let current: string;
  try {
    current = await readFile(file, "utf8");
  } catch (error) {
    throw cannotRead(file, error);
  }
  const written = await withDatabase(databaseUrl, (deps) =>
    writePeriodPage(deps, SYSTEM_ACTOR, label, file, current),
  );
  if (written === current) {
    process.stderr.write(`${file} is up to date\n`);
    return;
  }
  await writeOutputFile(file, written);
  process.stderr.write(`Wrote ${file}\n`);
}
