/**
 * `error_code` and `reason` from a remote (or internal) SMTP response (sparkpost-events.md §2).
 *
 * `reason` is the response with the parts that identify a person or a host masked, as SparkPost
 * does in its own events. Its documentation shows `raw_reason` "MAIL REFUSED - IP (17.99.99.99)
 * is in black list" as `reason` "MAIL REFUSED - IP (a.b.c.d) is in black list", and its events
 * show `550 5.1.1 <bounce@example.com>: Recipient address rejected…` as
 * `550 5.1.1 ...@... Recipient address rejected…`. So:
 * - an email address (bare, `<in brackets>`, with a quoted local part), its brackets and a colon
 *   right after them, become `...@...`;
 * - an IPv4 address becomes `a.b.c.d`;
 * - an IPv6 address (one with `::`, or all eight groups; optionally ending in IPv4 form) becomes
 *   `a:b:c:d:e:f:g:h` — SparkPost's form for IPv6 is not documented, this one is ours.
 * Everything else is kept (SparkPost's events sometimes shorten more of the text; that is not
 * reproducible from any rule it publishes).
 */

const ERROR_CODE = /^[2-5]\d\d(?!\d)/;

/** The 3-digit SMTP code at the start of `response`, or undefined when it does not start with one. */
export function errorCode(response: string): string | undefined {
  return ERROR_CODE.exec(response)?.[0];
}

// A bare local part may start only where a run of its characters starts (the lookbehind): without
// it a long run with no address in it would be rescanned from every position (quadratic time).
const LOCAL = String.raw`(?:"(?:[^"\\]|\\.)*"|(?<![A-Za-z0-9!#$%&'*+/=?^_\x60{|}~.-])[A-Za-z0-9!#$%&'*+/=?^_\x60{|}~.-]+)`;
const DOMAIN = String.raw`(?:\[[^\]\s]*\]|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)`;
const ADDRESS = new RegExp(String.raw`<${LOCAL}@${DOMAIN}>:?|${LOCAL}@${DOMAIN}`, 'g');
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const H = '[0-9A-Fa-f]{1,4}';
const IPV6_BODY = String.raw`(?:(?:${H}:){7}${H}|(?:${H}:){6}${IPV4}|(?:${H}(?::${H})*)?::(?:(?:${H}:)*(?:${IPV4}|${H}))?)`;
const IPV6 = new RegExp(String.raw`(?<![0-9A-Za-z:.])${IPV6_BODY}(?![0-9A-Za-z:])`, 'g');
const IPV4_ALONE = new RegExp(String.raw`(?<![0-9.])${IPV4}(?![0-9]|\.\d)`, 'g');

/** Four dot-separated numbers: what an IPv4 address needs (a quick test before IPV4_ALONE's lookarounds). */
const DOTTED_QUAD = /\d\.\d+\.\d+\.\d/;

/** Whether `text` may hold an IPv6 address: it needs `::`, or six colons (eight groups, or six and an IPv4). */
function mayHoldIpv6(text: string): boolean {
  if (text.includes('::')) return true;
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) if (++colons >= 6) return true;
  return false;
}

/** `response` with email addresses and IP addresses masked (see above). */
export function canonicalReason(response: string): string {
  if (response.includes('@')) response = response.replace(ADDRESS, '...@...');
  if (mayHoldIpv6(response)) response = response.replace(IPV6, 'a:b:c:d:e:f:g:h');
  return DOTTED_QUAD.test(response) ? response.replace(IPV4_ALONE, 'a.b.c.d') : response;
}
