/** YAML front matter (`---` … `---`) at the top of a handbook page. */
import { parse as parseYaml } from "yaml";
import type { Problem } from "../core/document.js";

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The page with the front matter lines blanked, so line numbers stay as in the source. */
  body: string;
}

/** Splits off the front matter; a broken one becomes a problem, never an exception. */
export function readFrontMatter(text: string, problems: Problem[]): FrontMatter {
  if (!/^---[ \t]*\r?\n/.test(text)) return { data: {}, body: text };
  const lines = text.split("\n");
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^(?:---|\.\.\.)[ \t]*\r?$/.test(lines[i] ?? "")) {
      end = i;
      break;
    }
  }
  if (end === -1) {
    problems.push({
      line: 1,
      severity: "error",
      code: "front_matter_unclosed",
      message: "Front matter starts with --- on line 1 but has no closing --- line.",
    });
    return { data: {}, body: text };
  }
  const yaml = lines.slice(1, end).join("\n");
  const body = [...lines.slice(0, end + 1).map(() => ""), ...lines.slice(end + 1)].join("\n");
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(yaml);
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
