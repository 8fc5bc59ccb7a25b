/**
 * Log text is attacker-influenced (remote SMTP responses, local parts): before it reaches a
 * terminal, C0/C1 control characters and DEL are shown as `\xNN` (and a backslash as `\\`), so
 * no escape sequence can drive the terminal; bidirectional controls (U+061C, U+200E/U+200F,
 * U+202A–U+202E, U+2066–U+2069), which could make shown text read otherwise, as `\uNNNN`.
 */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
