/**
 * Reading an import off the event loop: a large page is read on a worker thread into the very
 * document the parser gives in place, and one past the time budget is stopped with the reason.
 */
import { describe, expect, it } from "vitest";
import {
  IN_PLACE_LIMIT,
  MAX_READERS,
  readImportDocument,
  readImportDocumentOffThread,
} from "./import-read.js";

function largePage(): string {
  let page = "# 2026-Q4 OKRs\n\n";
  for (let i = 0; page.length <= IN_PLACE_LIMIT * 2; i++) {
    page += `- CEO: Grow revenue line ${i} from $1M to $2M [issue](https://example.com/${i}) => 50%\n`;
  }
  return page;
}

describe("reading an import on a worker thread", () => {
  it("a page larger than the in-place limit reads into the same document", async () => {
    const page = largePage();
    const offThread = await readImportDocumentOffThread(page, undefined, undefined);
    expect(offThread).toEqual(readImportDocument(page, undefined, undefined));
    expect(offThread.items.length).toBeGreaterThan(1000);
  });

  it("more large pages at once than readers wait their turn and all read", async () => {
    const page = largePage();
    const expected = readImportDocument(page, undefined, undefined);
    const all = await Promise.all(
      Array.from({ length: MAX_READERS + 2 }, () =>
        readImportDocumentOffThread(page, undefined, undefined),
      ),
    );
    for (const document of all) expect(document).toEqual(expected);
  });

  it("an error met on the worker comes back as the same error", async () => {
    const json = `{"format": "okr/1", "items": [${" ".repeat(IN_PLACE_LIMIT)}`;
    await expect(readImportDocumentOffThread(json, "json", undefined)).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^Invalid JSON: .* at line 1, column \d+/),
    });
  });

  it("a page that takes longer than the budget is stopped with the limit in words", async () => {
    await expect(
      readImportDocumentOffThread(largePage(), undefined, undefined, undefined, 1),
    ).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("took longer than 0.001 s, the limit"),
    });
  });
});
