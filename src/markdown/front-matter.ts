/** YAML front matter (`---` … `---`) at the top of a handbook page. */
import { createRequire } from "node:module";
import type { Problem } from "../core/document.js";

const require = createRequire(import.meta.url);

/**
 * The YAML parser, loaded the first time a page needs it: most front matter is simple
 * `key: value` lines, and loading the parser costs more than reading a page.
 */
function loadYaml(): typeof import("yaml") {
  return require("yaml") as typeof import("yaml");
}

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The page with the front matter lines blanked, so line numbers stay as in the source. */
  body: string;
}

/** The line closing the front matter: `---` or `...` alone. */
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/gm;

/** Splits off the front matter; a broken one becomes a problem, never an exception. */
export function readFrontMatter(text: string, problems: Problem[]): FrontMatter {
  if (!/^---[ \t]*\r?\n/.test(text)) return { data: {}, body: text };
  // Only the front matter's lines are cut out: the page after it is kept as one string.
  const start = text.indexOf("\n") + 1;
  CLOSING.lastIndex = start;
  const closing = CLOSING.exec(text);
  if (closing === null) {
    problems.push({
      line: 1,
      severity: "error",
      code: "front_matter_unclosed",
      message: "Front matter starts with --- on line 1 but has no closing --- line.",
    });
    return { data: {}, body: text };
  }
  const yaml = closing.index > start ? text.slice(start, closing.index - 1) : "";
  const yamlLines = closing.index > start ? yaml.split("\n") : [];
  // The closing line's index; its lines and those before it become empty lines of the body.
  const end = yamlLines.length + 1;
  const after = text.indexOf("\n", closing.index);
  const body = after < 0 ? "\n".repeat(end) : "\n".repeat(end + 1) + text.slice(after + 1);
  let data: Record<string, unknown> = {};
  const simple = readSimpleYaml(yamlLines);
  if (simple !== null) return { data: simple, body };
  try {
    const parsed: unknown = loadYaml().parse(yaml);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      data = parsed as Record<string, unknown>;
    } else if (parsed !== null && parsed !== undefined) {
      problems.push({
        line: 2,
        severity: "warning",
        code: "front_matter_invalid",
        message: "Front matter is not a set of `key: value` lines; it is ignored.",
      });
    }
  } catch (error) {
    const linePos = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    const reason = error instanceof Error ? error.message.split("\n")[0] : "invalid YAML";
    problems.push({
      line: 1 + (linePos ?? 1),
      severity: "error",
      code: "front_matter_invalid",
      message: `Front matter is not valid YAML: ${reason}`,
    });
  }
  return { data, body };
}

const SIMPLE_LINE =
  /^([A-Za-z_][\w-]*):[ \t]*(?:"((?:[^"\\]|\\["\\/bfnrt])*)"|'([^']*)'|([^\s"'#&*!|>%@`{[][^#]*?))?[ \t]*\r?$/;

/**
 * Front matter made only of `key: value` lines with plain or quoted strings (what handbook
 * pages have) is read without the YAML parser, which costs more than the rest of a page.
 * Anything else returns null and goes to the YAML parser.
 */
function readSimpleYaml(lines: readonly string[]): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    if (line.trim() === "") continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m?.[1]) return null;
    if (m[2] !== undefined) {
      try {
        data[m[1]] = JSON.parse(`"${m[2]}"`);
      } catch {
        return null;
      }
    } else if (m[3] !== undefined) data[m[1]] = m[3];
    else if (m[4] !== undefined) {
      const plain = m[4].trim();
      // Numbers, booleans, dates and nulls mean what YAML says they mean: let it read them.
      if (/^(?:[-+]?[\d.]+|true|false|null|yes|no|on|off|~|\d{4}-\d{2}-\d{2}.*)$/i.test(plain))
        return null;
      data[m[1]] = plain;
    } else return null;
  }
  return data;
}
