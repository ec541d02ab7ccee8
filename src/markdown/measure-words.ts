/**
 * Whether a key result's words claim a measure. A milestone ("Ship X", "Launch Y", "Zuora
 * reconciliation complete") is done or not done and needs no number; "Increase EE trials" or
 * "Improve conversion" promises a change in some figure and should say which and how much.
 */

/** Verbs that start a deliverable: done when it exists. */
const MILESTONE_START =
  /^(?:ship|launch|release|deliver|complete|finish|implement|publish|build|create|roll\s*out|rollout|migrate|document|deploy|introduce|establish|define|design|integrate|enable|add|set\s*up|setup|automate|train|run|hold|host|pilot|open|hire|write|draft|produce|prepare|organi[sz]e|select|choose|decide|identify|sign|close|move|start|kick\s*off|announce|finali[sz]e|document|update|upgrade|replace|remove|deprecate|support|provide|conduct|perform|review|audit|refresh|restructure|formali[sz]e|standardi[sz]e|consolidate|transition|onboard|hand\s*off)\b/i;

/** Words that end a deliverable stated as done: "reconciliation complete", "index shipped". */
const MILESTONE_END =
  /\b(?:complete|completed|done|shipped|launched|released|delivered|live|in place|available|implemented|published|deployed|rolled out|signed|hired|finished|approved|ready)\.?$/i;

/** Words that promise a change in a figure. */
const MEASURE =
  /\b(?:increase[sd]?|decrease[sd]?|improve[sd]?|improvement|reduce[sd]?|reduction|grow|growth|raise|lower|more|fewer|less|faster|slower|higher|better|boost|expand|maximi[sz]e|minimi[sz]e|accelerate|rate|ratio|percentage|score|nps|conversion|usage|adoption|efficiency|velocity|coverage|retention|churn|latency|uptime|availability|revenue|pipeline|quota|attainment|utili[sz]ation|satisfaction|satisfied|happy|happier|csat)\b/i;

/** True when the key result reads as a milestone: done or not done, no number needed. */
export function isMilestone(title: string): boolean {
  const text = title.trim();
  return MILESTONE_START.test(text) || MILESTONE_END.test(text);
}

/** True when the key result promises a change in a figure (and so should give a number). */
export function claimsMeasure(title: string): boolean {
  return MEASURE.test(title);
}
