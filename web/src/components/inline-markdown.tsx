/**
 * Inline Markdown as written in handbook titles, rendered as React elements (never as HTML):
 * links `[text](url)` and `[text][ref]`, **bold**, *emphasis*, `code`, <sub>/<sup>.
 * Only http(s), mailto and relative URLs become links.
 */
import type { ReactNode } from "react";

export function safeUrl(url: string): string | undefined {
  // Judged as a browser reads it: tabs and line breaks inside dropped, control characters
  // and spaces around trimmed (else "java\tscript:" would pass for a relative address).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const trimmed = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return undefined;
  // "//host" is another site, and so is "/\host" or "\\host": browsers read "\" as "/".
  if (/^[\\/]{2}/.test(trimmed)) return undefined;
  return trimmed;
}

const PATTERN =
  /\[((?:[^[\]]|\[[^\]]*\])*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|\[((?:[^[\]]|\[[^\]]*\])*)\]\[([^\]]*)\]|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|`([^`]+)`|<(sub|sup)>([^<]*)<\/\9>|<[^>]+>/g;

function render(
  text: string,
  references: Record<string, string>,
  keyPrefix: string,
  plain = false,
): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(PATTERN)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const key = `${keyPrefix}-${index++}`;
    const [whole, linkText, linkUrl, refText, refName, bold, bold2, em, code, tag, tagText] = match;
    if (linkText !== undefined && linkUrl !== undefined) {
      out.push(linkOf(linkText, linkUrl, references, key, plain));
    } else if (refText !== undefined && refName !== undefined) {
      const url = references[(refName || refText).toLowerCase()] ?? references[refName || refText];
      out.push(
        url !== undefined ? (
          linkOf(refText, url, references, key, plain)
        ) : (
          <span key={key}>{render(refText, references, key, plain)}</span>
        ),
      );
    } else if (bold !== undefined || bold2 !== undefined) {
      out.push(<strong key={key}>{render(bold ?? bold2 ?? "", references, key, plain)}</strong>);
    } else if (em !== undefined) {
      out.push(<em key={key}>{render(em, references, key, plain)}</em>);
    } else if (code !== undefined) {
      out.push(<code key={key}>{code}</code>);
    } else if (tag === "sub") {
      out.push(<sub key={key}>{tagText}</sub>);
    } else if (tag === "sup") {
      out.push(<sup key={key}>{tagText}</sup>);
    } else if (whole.startsWith("<")) {
      // other HTML tags are dropped, their text kept
    } else {
      out.push(whole);
    }
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function linkOf(
  text: string,
  url: string,
  references: Record<string, string>,
  key: string,
  plain = false,
): ReactNode {
  const href = safeUrl(url);
  const children = render(text, references, key, plain);
  if (!href || plain) return <span key={key}>{children}</span>;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** `plain`: links become text, for titles that sit inside a link themselves. */
export function InlineMarkdown({
  text,
  references = {},
  plain = false,
}: {
  text: string;
  references?: Record<string, string>;
  plain?: boolean;
}) {
  return <>{render(text, references, "md", plain)}</>;
}

/** The title as plain text, for labels and search. */
export function plainTextOf(text: string): string {
  return text
    .replace(/\[((?:[^[\]]|\[[^\]]*\])*)\]\([^)]*\)/g, "$1")
    .replace(/\[((?:[^[\]]|\[[^\]]*\])*)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/\*([^*]+)\*/g, "$1");
}
