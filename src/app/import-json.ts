/**
 * Where a JSON text breaks, as line and column. Node's `JSON.parse` does not always say
 * ("Unexpected token ',', …"), so a small scanner walks the text to the first error.
 */

class JsonScanError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** The index and reason of the first syntax error in `text`, or null when it is valid JSON. */
export function findJsonError(text: string): { index: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonScanError(i, reason);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe(text[i])}`);
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("bad \\u escape");
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail("bad escape");
        i++;
        continue;
      }
      if ((c ?? "").charCodeAt(0) < 0x20) fail("control character in a string");
      i++;
    }
    fail("unterminated string");
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail(`unexpected ${describe(text[i])}`);
    i += m?.[0].length ?? 0;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") object();
    else if (c === "[") array();
    else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else fail(c === undefined ? "unexpected end of input" : `unexpected ${describe(c)}`);
  };
  const object = () => {
    i++;
    space();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] !== '"')
        fail(`expected a property name in double quotes, found ${describe(text[i])}`);
      string();
      space();
      if (text[i] !== ":") fail(`expected ':', found ${describe(text[i])}`);
      i++;
      value();
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return;
      }
      fail(`expected ',' or '}', found ${describe(text[i])}`);
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return;
      }
      fail(`expected ',' or ']', found ${describe(text[i])}`);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the document`);
    return null;
  } catch (error) {
    if (error instanceof JsonScanError) return { index: error.index, reason: error.message };
    throw error;
  }
}

function describe(c: string | undefined): string {
  return c === undefined ? "end of input" : `'${c}'`;
}

/** Line and column (1-based) of an index in `text`. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
}
