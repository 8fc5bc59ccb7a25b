/**
 * Where a line that JSON.parse refused first goes wrong, for a malformed event's reason. The
 * message of JSON.parse's SyntaxError differs between Node versions and often has no position,
 * so the bytes are checked again against the JSON grammar (RFC 8259) here, only after a failure.
 * Iterative: any nesting depth is fine. Bytes >= 0x80 may appear inside strings only, which is
 * what JSON.parse makes of the line's UTF-8 text (an invalid sequence there is U+FFFD).
 */

const ARRAY = 1;
const OBJECT = 2;

/** The first error of the JSON text in `b`: its 0-based byte index and what was found; null when `b` is valid JSON. */
export function jsonError(b: Uint8Array): { at: number; found: string } | null {
  const n = b.length;
  const stack: number[] = [];
  let i = 0;
  let inString = false; // the error string() returned is inside the string
  const fail = (at: number) => ({
    at,
    found: at >= n ? 'unexpected end of line' : `unexpected ${shownByte(b[at]!)}${inString ? ' in a string' : ''}`,
  });
  const ws = () => {
    while (i < n && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  };
  /** A string at i: moves past it, or returns the index of its error. */
  const string = (): number => {
    if (b[i] !== 0x22) return i;
    inString = true;
    for (i++; i < n;) {
      const c = b[i]!;
      if (c === 0x22) {
        i++;
        inString = false;
        return -1;
      }
      if (c < 0x20) return i;
      if (c !== 0x5c) i++;
      else if (b[i + 1] === 0x75) {
        for (let k = 2; k <= 5; k++) if (!isHex(b[i + k])) return i + k;
        i += 6;
      } else if (isEscape(b[i + 1])) i += 2;
      else return i + 1;
    }
    return i;
  };
  /** A number at i: moves past it, or returns the index of its error. */
  const number = (): number => {
    if (b[i] === 0x2d) i++;
    if (b[i] === 0x30) i++;
    else if (isDigit(b[i])) while (isDigit(b[i])) i++;
    else return i;
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) return i;
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (!isDigit(b[i])) return i;
      while (isDigit(b[i])) i++;
    }
    return -1;
  };
  /** `"key" :` at i: moves past it, or returns the index of its error. */
  const key = (): number => {
    ws();
    const bad = string();
    if (bad >= 0) return bad;
    ws();
    if (b[i] !== 0x3a) return i;
    i++;
    return -1;
  };

  for (;;) {
    // A value at i.
    ws();
    const c = b[i];
    let bad: number;
    if (c === 0x7b || c === 0x5b) {
      i++;
      ws();
      if (b[i] === c + 2)
        i++; // `}` and `]` are 2 above `{` and `[`: an empty container
      else {
        stack.push(c === 0x7b ? OBJECT : ARRAY);
        if (c === 0x7b && (bad = key()) >= 0) return fail(bad);
        continue;
      }
      bad = -1;
    } else if (c === 0x22) bad = string();
    else if (c === 0x2d || isDigit(c)) bad = number();
    else if (c === 0x74) bad = literal('true');
    else if (c === 0x66) bad = literal('false');
    else if (c === 0x6e) bad = literal('null');
    else bad = i;
    if (bad >= 0) return fail(bad);
    // After a value: a separator, the end of its container, or the end of the text.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? fail(i) : null;
      if (b[i] === (top === OBJECT ? 0x7d : 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      if (b[i] !== 0x2c) return fail(i);
      i++;
      if (top === OBJECT && (bad = key()) >= 0) return fail(bad);
      break;
    }
  }

  /** `word` at i: moves past it, or returns the index where it stops matching. */
  function literal(word: string): number {
    for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return i + k;
    i += word.length;
    return -1;
  }
}

/** A byte that may follow a backslash in a string: `"` `\\` `/` b f n r t. */
function isEscape(c: number | undefined): boolean {
  return c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

/** A byte for a message: `"x"` when printable ASCII, else `byte 0xNN`. */
function shownByte(c: number): string {
  return c > 0x20 && c < 0x7f ? JSON.stringify(String.fromCharCode(c)) : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
