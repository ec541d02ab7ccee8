/** `okr render FILE.json|-`: a canonical JSON document as handbook Markdown. */
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import { readTextInput, writeOutput } from "./parse.js";

export function registerRenderCommand(program: Command): void {
  program
    .command("render")
    .description("Render a canonical JSON document (okr parse, okr export) as handbook Markdown")
    .argument("<file>", "the JSON document, or - for standard input")
    .action(async (file: string) => {
      const text = await readTextInput(file);
      const [{ jsonErrorWhere }, { checkDocument }, { renderDocument }] = await Promise.all([
        import("../../app/import.js"),
        import("../../markdown/document-schema.js"),
        import("../../markdown/render-document.js"),
      ]);
      const name = file === "-" ? "standard input" : file;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new OkrError(
          "invalid_input",
          `${name} is not valid JSON: ${jsonErrorWhere(text, error)}`,
        );
      }
      const check = checkDocument(value);
      if (!check.ok) {
        throw new OkrError(
          "invalid_input",
          `${name} is not a canonical OKR document (format okr/1): ${check.errors.join("; ")}`,
        );
      }
      writeOutput(renderDocument(check.document));
    });
}
