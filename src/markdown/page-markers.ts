/**
 * Site-generator markers that are not content: kramdown's table of contents (`- TOC` followed
 * by `{:toc}`), attribute lists (`{:.no_toc}`, `{: .class}`) and Hugo shortcodes
 * (`{{< note >}}`, `{{% toc %}}`). They are blanked line by line before parsing, so they never
 * become items and every other line keeps its number.
 */

const ATTRIBUTE_LIST = /^\s*\{:[^{}\n]*\}\s*$/;
const SHORTCODE = /^\s*\{\{[<%][^\n]*[>%]\}\}\s*$/;
const TOC_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+TOC\s*$/;
const TRAILING_ATTRIBUTES = /\s*\{:[^{}\n]*\}\s*$/;

/** The text with marker lines emptied and trailing `{:…}` lists cut from headings. */
export function blankMarkers(text: string): string {
  if (!text.includes("{:") && !text.includes("{{") && !text.includes("TOC")) return text;
  return text
    .split("\n")
    .map((line) => {
      const cr = line.endsWith("\r") ? "\r" : "";
      if (ATTRIBUTE_LIST.test(line) || SHORTCODE.test(line) || TOC_ITEM.test(line)) return cr;
      if (line.startsWith("#") && line.includes("{:")) return line.replace(TRAILING_ATTRIBUTES, cr);
      return line;
    })
    .join("\n");
}
