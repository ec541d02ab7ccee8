/**
 * The public OKR site as files: an index, one page per period (the tree with its scores and
 * the retrospectives), one page per team, and one style sheet. Plain HTML with no script, so it
 * reads from `file://` and any static host: every link is relative and every page sits beside
 * the others. Documents in, files out; what is hidden was decided before (the public export).
 */
import MarkdownIt from "markdown-it";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { gradeOf } from "../core/grading.js";
import type { GradingBand } from "../core/types.js";
import { findLinks } from "./inline-text.js";
import { SITE_CSS } from "./site-css.js";

export interface SitePeriod {
  label: string;
  start: string;
  end: string;
  closed: boolean;
  /** The period as the public export writes it. */
  document: OkrDocument;
}

export interface SiteTeamSection {
  periodLabel: string;
  /** The team's objectives in that period (their key results inside), as published. */
  items: DocumentItem[];
}

export interface SiteTeam {
  name: string;
  sections: SiteTeamSection[];
}

export interface SiteInput {
  title: string;
  periods: readonly SitePeriod[];
  teams: readonly SiteTeam[];
  grading: readonly GradingBand[];
  sweetSpot: number;
}

export interface SiteFile {
  /** A file name, never a folder: pages link to each other by name. */
  path: string;
  content: string;
  mediaType: string;
}

export const SITE_STYLE_SHEET = "site.css";

const HTML = "text/html; charset=utf-8";
// Raw HTML off: a title's tags are text, except the <sub>/<sup> of a placeholder (below).
const inline = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A file-name-safe slug: "FY20-Q4" -> "fy20-q4". */
function slugOf(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-");
  return slug || "page";
}

/** Unique file names for `names`, in order, with `prefix`. */
function fileNames(prefix: string, names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = `${prefix}-${slugOf(name)}`;
    let file = `${base}.html`;
    for (let n = 2; taken.has(file); n++) file = `${base}-${n}.html`;
    taken.add(file);
    return file;
  });
}

/**
 * Inline Markdown of a title as HTML. A reference whose target is not a web address (the
 * app's own API, which a static host does not have) is written as its text alone.
 */
export function inlineHtml(text: string, references: Readonly<Record<string, string>>): string {
  const web: Record<string, { href: string; title: string }> = {};
  for (const [label, url] of Object.entries(references)) {
    if (/^https?:\/\//i.test(url))
      web[label.trim().replace(/\s+/g, " ").toUpperCase()] = { href: url, title: "" };
  }
  let source = text;
  const links = findLinks(text, {});
  for (let i = links.length - 1; i >= 0; i--) {
    const link = links[i];
    if (link === undefined || link.ref === null) continue;
    if (web[link.ref.trim().replace(/\s+/g, " ").toUpperCase()] !== undefined) continue;
    source = source.slice(0, link.start) + link.text + source.slice(link.end);
  }
  return inline
    .renderInline(source, { references: web })
    .replace(/&lt;(sub|sup)&gt;([^&<]*)&lt;\/\1&gt;/g, "<$1>$2</$1>");
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "not scored" : `${Math.round(value * 100)}%`;
}

const STATUS_WORDS: Record<string, string> = {
  done: "done",
  missed: "missed",
  in_progress: "in progress",
  not_started: "not started",
  carried_over: "carried over",
  cancelled: "cancelled",
};

function scoreBadge(score: number | null | undefined, input: SiteInput): string {
  const band = gradeOf(score ?? null, input.grading);
  const tone = band ? ` score-${band.color}` : " score-none";
  const meter =
    score === null || score === undefined
      ? ""
      : `<meter min="0" max="1" low="0.4" high="${input.sweetSpot}" optimum="1" value="${Math.min(Math.max(score, 0), 1).toFixed(3)}">${percent(score)}</meter>`;
  return `<span class="score${tone}">${percent(score)}</span>${meter}`;
}

function itemHtml(
  item: DocumentItem,
  references: Record<string, string>,
  input: SiteInput,
): string {
  const owner = item.owner ? `<span class="owner">${escapeHtml(item.owner)}</span> ` : "";
  const title = `<span class="title">${inlineHtml(item.title, references)}</span>`;
  const status = item.status
    ? ` <span class="status">${STATUS_WORDS[item.status] ?? item.status}</span>`
    : "";
  const children = item.children.map((child) => itemHtml(child, references, input)).join("");
  const list = children ? `<ul>${children}</ul>` : "";
  if (item.kind === "objective") {
    return `<li class="objective"><div class="line">${owner}${title} ${scoreBadge(item.score, input)}${status}</div>${list}</li>`;
  }
  const outcome = item.outcome
    ? ` <span class="outcome">=&gt; ${inlineHtml(item.outcome, references)}</span>`
    : "";
  const progress = ` <span class="progress">${item.progress === null ? "" : percent(item.progress)}</span>`;
  return `<li class="key-result"><div class="line"><span class="kr">KR</span> ${owner}${title}${outcome}${progress}${status}</div>${list}</li>`;
}

function page(input: SiteInput, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="${SITE_STYLE_SHEET}">
</head>
<body>
<header><a class="home" href="index.html">${escapeHtml(input.title)}</a></header>
<main>
${body}
</main>
<footer>Published OKRs. Confidential targets are shown as placeholders such as <em>$N<sub>0</sub></em>; progress is shown as a percentage.</footer>
</body>
</html>
`;
}

function retrospectivesHtml(document: OkrDocument): string {
  if (document.retrospectives.length === 0) return "";
  const part = (name: string, lines: readonly string[]) =>
    lines.length === 0
      ? ""
      : `<h4>${name}</h4><ul>${lines.map((l) => `<li>${inlineHtml(l, document.references)}</li>`).join("")}</ul>`;
  const teams = document.retrospectives
    .map(
      (r) =>
        `<section class="retrospective"><h3>${escapeHtml(r.team)}</h3>${part("Good", r.good)}${part("Bad", r.bad)}${part("Try", r.try)}</section>`,
    )
    .join("\n");
  return `<h2 id="retrospectives">Retrospectives</h2>\n${teams}`;
}

/** Renders the site: `index.html`, `period-*.html`, `team-*.html` and `site.css`. */
export function renderSite(input: SiteInput): SiteFile[] {
  const periodFiles = fileNames(
    "period",
    input.periods.map((p) => p.label),
  );
  const teamFiles = fileNames(
    "team",
    input.teams.map((t) => t.name),
  );
  const periodFileOf = new Map(input.periods.map((p, i) => [p.label, periodFiles[i] as string]));
  const files: SiteFile[] = [];

  const periodRows = input.periods
    .map((p, i) => {
      const count = p.document.items.length;
      return `<tr><th scope="row"><a href="${periodFiles[i]}">${escapeHtml(p.label)}</a></th><td>${p.start} – ${p.end}${p.closed ? " (closed)" : ""}</td><td>${count} ${count === 1 ? "objective" : "objectives"}</td><td>${scoreBadge(p.document.score?.score, input)}</td></tr>`;
    })
    .join("\n");
  const teamLinks = input.teams
    .map((t, i) => `<li><a href="${teamFiles[i]}">${escapeHtml(t.name)}</a></li>`)
    .join("");
  files.push({
    path: "index.html",
    mediaType: HTML,
    content: page(
      input,
      "Periods",
      `<h1>${escapeHtml(input.title)}</h1>
${
  input.periods.length === 0
    ? "<p>No period is published yet.</p>"
    : `<table class="periods"><caption>Periods</caption><thead><tr><th scope="col">Period</th><th scope="col">Dates</th><th scope="col">Objectives</th><th scope="col">Score</th></tr></thead><tbody>
${periodRows}
</tbody></table>`
}
${teamLinks ? `<h2>Teams</h2><ul class="teams">${teamLinks}</ul>` : ""}`,
    ),
  });

  input.periods.forEach((p, i) => {
    const { document } = p;
    const tree = document.items
      .map((item) => itemHtml(item, document.references, input))
      .join("\n");
    const teamsHere = input.teams
      .map((t, k) => ({ t, file: teamFiles[k] }))
      .filter(({ t }) => t.sections.some((s) => s.periodLabel === p.label))
      .map(({ t, file }) => `<li><a href="${file}">${escapeHtml(t.name)}</a></li>`)
      .join("");
    files.push({
      path: periodFiles[i] as string,
      mediaType: HTML,
      content: page(
        input,
        p.label,
        `<h1>${escapeHtml(p.label)} OKRs</h1>
<p class="dates">${p.start} – ${p.end}${p.closed ? " · closed" : ""} · score ${scoreBadge(document.score?.score, input)}</p>
${tree ? `<ul class="tree">\n${tree}\n</ul>` : "<p>No objectives.</p>"}
${retrospectivesHtml(document)}
${teamsHere ? `<h2>Teams</h2><ul class="teams">${teamsHere}</ul>` : ""}`,
      ),
    });
  });

  input.teams.forEach((t, i) => {
    const sections = t.sections
      .map((s) => {
        const file = periodFileOf.get(s.periodLabel);
        const refs =
          input.periods.find((p) => p.label === s.periodLabel)?.document.references ?? {};
        const heading = file
          ? `<a href="${file}">${escapeHtml(s.periodLabel)}</a>`
          : escapeHtml(s.periodLabel);
        return `<h2>${heading}</h2><ul class="tree">${s.items.map((item) => itemHtml(item, refs, input)).join("\n")}</ul>`;
      })
      .join("\n");
    files.push({
      path: teamFiles[i] as string,
      mediaType: HTML,
      content: page(input, t.name, `<h1>${escapeHtml(t.name)}</h1>\n${sections}`),
    });
  });

  files.push({ path: SITE_STYLE_SHEET, mediaType: "text/css; charset=utf-8", content: SITE_CSS });
  return files;
}
