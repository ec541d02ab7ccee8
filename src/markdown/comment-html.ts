/**
 * A comment's Markdown as HTML safe to put in a page: raw HTML is escaped (markdown-it with
 * `html: false`), links go only to http, https and mailto addresses (anything else stays text),
 * images are not loaded (their alt text stays), and every link opens without the page's
 * opener or referrer.
 */
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true });
md.disable(["image"]);
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet("rel", "noopener noreferrer nofollow");
    token.attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The comment's HTML: safe Markdown, no raw HTML, links only to http(s) and mailto. */
export function renderCommentHtml(markdown: string): string {
  return md.render(markdown);
}
