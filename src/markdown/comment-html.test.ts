import { describe, expect, it } from "vitest";
import { renderCommentHtml } from "./comment-html.js";

describe("renderCommentHtml", () => {
  it("escapes raw HTML: no script, no element with an event handler", () => {
    const html = renderCommentHtml(
      '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="https://x" onclick="y">a</a>',
    );
    expect(html).not.toMatch(/<script|<img|onclick="|onerror="/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
  it("links only to http, https and mailto; other schemes stay text", () => {
    const html = renderCommentHtml(
      "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](/relative) [f](https://ok.example) [g](mailto:a@b.c) <javascript:alert(1)>",
    );
    expect(html.match(/href="[^"]*"/g)).toEqual([
      'href="https://ok.example"',
      'href="mailto:a@b.c"',
    ]);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
  it("loads no images and keeps Markdown's emphasis, lists and code", () => {
    const html = renderCommentHtml("![tracker](https://evil.example/p.png)\n\n- **yes**\n- `x<y`");
    expect(html).not.toContain("<img");
    expect(html).toContain("<strong>yes</strong>");
    expect(html).toContain("<code>x&lt;y</code>");
  });
});
