/**
 * Log text is attacker-influenced (remote SMTP responses, local parts): before it reaches a
 * terminal, C0/C1 control characters and DEL are shown as `\xNN` (and a backslash as `\\`), so
 * no escape sequence can drive the terminal.
 */
export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\\x00-\x1f\x7f-\x9f]/g, (c) => (c === '\\' ? '\\\\' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
