/** The public site's one style sheet: readable on a phone and in print, light and dark. */
export const SITE_CSS = `:root { color-scheme: light dark; --ink: #1d2430; --muted: #5b6473; --line: #d8dde6; --bg: #ffffff; --accent: #2457c5; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e9ef; --muted: #a3abb9; --line: #3a4250; --bg: #161a21; --accent: #8fb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0.75rem 1rem; }
header { border-bottom: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.875rem; margin-top: 2rem; }
a { color: var(--accent); }
.home { font-weight: 600; text-decoration: none; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
.dates { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.25rem; margin: 0; }
ul.tree { padding-left: 0; }
li.objective { margin: 0.75rem 0 0.25rem; }
li.objective > .line .title { font-weight: 600; }
li.key-result { margin: 0.25rem 0; }
.line { overflow-wrap: anywhere; }
.owner { color: var(--muted); }
.owner::after { content: ":"; }
.kr { font-size: 0.75rem; font-weight: 700; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 0.25rem; }
.outcome, .status { color: var(--muted); }
.status { font-size: 0.875rem; border-radius: 3px; padding: 0 0.25rem; border: 1px solid var(--line); }
.progress { font-variant-numeric: tabular-nums; }
.score { font-weight: 700; font-variant-numeric: tabular-nums; border-radius: 3px; padding: 0 0.35rem; }
.score-green { background: #d6f3df; color: #0d5a27; }
.score-yellow { background: #fbefc4; color: #6a4d00; }
.score-red { background: #fbd9d9; color: #8a1414; }
.score-none { color: var(--muted); font-weight: 400; }
meter { width: 5rem; margin-left: 0.5rem; vertical-align: middle; }
.retrospective h3 { margin-bottom: 0.25rem; }
.retrospective h4 { margin: 0.5rem 0 0; font-size: 0.875rem; text-transform: uppercase; color: var(--muted); }
ul.teams { columns: 14rem; }
@media (max-width: 40rem) { body { font-size: 15px; } ul.tree ul { padding-left: 0.75rem; } meter { display: none; } th, td { padding: 0.3rem; } }
@media print { header, footer { display: none; } a { color: inherit; } }
`;
