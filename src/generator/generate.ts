/**
 * Deterministic generator of realistic Momentum (ecelerity) 4.x `mainlog.ec` / `bouncelog.ec`
 * lines — for tests, samples and benchmarks. No dependencies; same seed + options ⇒ same lines.
 *
 * The simulation is event driven: injections arrive (Poisson, diurnal rate, campaign bursts),
 * every recipient becomes a message with an `R` line, then 0..n `T` (transient failures on a
 * backoff retry schedule) and exactly one of `D`, `P` or `X`. Every `P` also writes a bouncelog
 * `B`; some `T` also write a bouncelog `T`; some delivered messages later come back as
 * out-of-band bounces (bouncelog `B`, stage 21). Each log gets a heartbeat every 60 s. Optionally
 * (off by default) some delivered messages later draw a spam complaint (fbllog `F`) and some
 * arrivals come with a rejected SMTP transaction (a rejectlog line); those two logs get no heartbeats.
 *
 * Lines are yielded in time order across all logs (ties: creation order).
 */

export interface GenerateOptions {
  /** PRNG seed (default 1). */
  seed?: number;
  /** Log start, Unix epoch seconds (default 1717221600 = 2024-06-01T06:00:00Z). */
  startTime?: number;
  /** Stop after N messages (`R` lines), once their lifecycles are complete. Default unbounded. */
  messages?: number;
  /** 16-digit microsecond timestamps (log_hires_timestamp). Default false. */
  hires?: boolean;
  /** Fraction 0..1 of lines written in the 2.2/2.1 layouts (type letter at index 2). Default 0. */
  legacy?: number;
  /** One heartbeat per 60 s of log time in each log (mainlog `M`, bouncelog `M1`). Default true. */
  heartbeats?: boolean;
  /**
   * Messages already queued when the log starts (received up to days earlier, so their `R` is
   * in an older log): only their late `T`/`D`/`P` lines appear, with long queue times such as
   * `306072.00` and expiries (`554 5.4.7 [internal] exceeded max time without delivery`).
   * Default 0, so that by default every message has its `R`.
   */
  backlog?: number;
  /** Fraction of recipient local parts written quoted (`"john@home"@example.com`). Default 0.005. */
  quoted?: number;
  /**
   * Fraction 0..1 of delivered messages that later get a spam complaint: an fbllog `F` line with
   * the message's ID and recipient, minutes later (about 4% without a feedback type, as JMR
   * reports). Default 0.
   */
  fbl?: number;
  /**
   * Fraction 0..1 of arrivals accompanied by a rejected SMTP transaction from some other client:
   * a rejectlog line at the same second (relaying denied, unknown user, DNSBL, throttling). Default 0.
   */
  rejections?: number;
  /**
   * Scales the arrival rate (default 1: about 2.6 messages/s on average, ~225,000 a day, with the
   * diurnal curve and campaign bursts). 0.02 gives a day of traffic in ~4,500 messages.
   */
  rate?: number;
}

export type GeneratedLog = 'mainlog' | 'bouncelog' | 'fbllog' | 'rejectlog';

export interface GeneratedLine {
  log: GeneratedLog;
  /** The line without its newline. */
  text: string;
}

// ---------------------------------------------------------------------------------------------
// PRNG and IDs

export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NULL_ID = '00/00-00000-00000000';

const HEX2: string[] = [];
for (let i = 0; i < 256; i++) HEX2.push(i.toString(16).toUpperCase().padStart(2, '0'));

/** The 8 hex digits of `epoch` in reverse nibble order (1571877606 → `6E2F0BD5`). */
export function reversedEpochHex(epoch: number): string {
  const h = (epoch >>> 0).toString(16).toUpperCase().padStart(8, '0');
  let r = '';
  for (let i = 7; i >= 0; i--) r += h[i];
  return r;
}

/**
 * An ID `HH/HH-DDDDD-HHHHHHHH`: the two leading bytes from `seq` (low byte first), `pid` as
 * 5 decimal digits, the creation second `epoch` in reverse nibble order.
 */
export function formatId(pid: number, epoch: number, seq = 0): string {
  return HEX2[seq & 255]! + '/' + HEX2[(seq >>> 8) & 255]! + '-' + String(pid % 100000).padStart(5, '0') + '-' + reversedEpochHex(epoch);
}

// ---------------------------------------------------------------------------------------------
// Static world: domains, senders, bindings, responses

type DomainKind = 'gmail' | 'yahoo' | 'ms' | 'apple' | 'generic' | 'dead' | 'nx';

interface Domain {
  name: string;
  kind: DomainKind;
  mx: string[];
  /** an IPv6 MX, used for a small share of connections */
  mx6: string;
  index: number;
}

interface Binding {
  name: string;
  ip: string;
  index: number;
}

interface OutConn {
  id: string;
  ip: string;
  last: number;
}

let bindingCount = 0;

interface Group {
  name: string;
  bindings: Binding[];
  /** retry interval, s */
  retry: number;
  /** message_expiration, s */
  expire: number;
}

interface Sender {
  local: string;
  domain: string;
  group: Group;
  proto: 'esmtp' | 'ecstream' | 'rest';
  /** DKIM signing adds a header on the way out */
  signed: boolean;
  /** ESP-style VERP envelope (the local part varies per message) */
  verp: boolean;
  /** typical message size, bytes */
  size: number;
}

class Picker<T> {
  readonly items: T[] = [];
  private cum: number[] = [];
  private total = 0;
  add(item: T, weight: number): this {
    this.total += weight;
    this.items.push(item);
    this.cum.push(this.total);
    return this;
  }
  pick(r: number): T {
    const x = r * this.total;
    const cum = this.cum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

function group(name: string, retry: number, expire: number, b: [string, string][]): Group {
  const bindings = b.map(([n, ip]) => ({ name: n, ip, index: bindingCount++ }));
  return { name, retry, expire, bindings };
}

const G_DEFAULT = group('default', 1200, 302400, [['default', '203.0.113.10']]);
const G_MTA1 = group('mta1-pool', 1200, 259200, [
  ['mta1-a', '203.0.113.21'],
  ['mta1-b', '203.0.113.22'],
  ['mta1-c', '203.0.113.23'],
  ['mta1-d', '203.0.113.24'],
]);
const G_MTA2 = group('mta2-pool', 1800, 259200, [
  ['mta2-a', '198.51.100.31'],
  ['mta2-b', '198.51.100.32'],
]);
const G_TX = group('transactional', 300, 3600, [
  ['tx-a', '203.0.113.41'],
  ['tx-b', '203.0.113.42'],
]);
const G_WARM = group('warmup', 900, 86400, [['warm-1', '198.51.100.50']]);

function sender(local: string, domain: string, g: Group, proto: Sender['proto'], size: number, signed = true, verp = false): Sender {
  return { local, domain, group: g, proto, size, signed, verp };
}

const SENDERS = new Picker<Sender>()
  .add(sender('noreply', 'notify.bankly.io', G_TX, 'rest', 9000), 9)
  .add(sender('alerts', 'alerts.ridego.com', G_TX, 'esmtp', 6000), 6)
  .add(sender('receipts', 'mail.shopwise.com', G_TX, 'ecstream', 22000), 6)
  .add(sender('no-reply', 'accounts.gamehub.gg', G_TX, 'rest', 7000), 3)
  .add(sender('billing', 'billing.cloudnest.io', G_TX, 'rest', 30000), 3)
  .add(sender('newsletter', 'news.shopwise.com', G_MTA1, 'ecstream', 45000), 8)
  .add(sender('deals', 'em.travelnest.com', G_MTA1, 'esmtp', 60000), 6)
  .add(sender('updates', 'e.newsdaily.net', G_MTA1, 'ecstream', 38000), 5)
  .add(sender('bounces', 'sparkpostmail1.com', G_MTA1, 'rest', 40000, true, true), 6)
  .add(sender('hello', 'mail.fitpulse.app', G_MTA2, 'rest', 28000), 4)
  .add(sender('offers', 'm.homestylehub.com', G_MTA2, 'esmtp', 75000), 3)
  .add(sender('info', 'postalengine.com', G_DEFAULT, 'esmtp', 12000, false), 3)
  .add(sender('support', 'help.cloudnest.io', G_DEFAULT, 'esmtp', 9000), 3)
  .add(sender('root', 'mta1.postalengine.com', G_DEFAULT, 'esmtp', 2500, false), 0.5)
  .add(sender('team', 'warm.startupxyz.io', G_WARM, 'esmtp', 20000), 1);

const CAMPAIGN_SENDERS = SENDERS.items.filter((s) => s.group === G_MTA1 || s.group === G_MTA2);

const PEERS = ['10.0.0.11', '10.0.0.12', '10.0.0.13'];
const CLIENTS6 = ['2001:db8::25', '2001:db8::26', '2001:db8:10::1:5'];

let domainCount = 0;

function mkDomain(name: string, kind: DomainKind, mx: string[]): Domain {
  const v4 = mx.filter((ip) => !ip.includes(':'));
  return { name, kind, mx: v4, mx6: mx.find((ip) => ip.includes(':')) ?? '', index: domainCount++ };
}

const MX_GMAIL = ['142.250.27.26', '142.251.16.27', '64.233.184.26', '172.253.122.27', '2607:f8b0:4004:c1b::1b'];
const MX_YAHOO = ['67.195.204.72', '98.136.96.74', '67.195.228.110', '98.136.96.91'];
const MX_MS = ['52.101.42.0', '104.47.58.33', '52.101.8.41', '104.47.55.138', '2a01:111:f403::1'];
const MX_APPLE = ['17.57.152.5', '17.42.251.41', '17.57.154.6'];

const PUBLIC_A = [23, 37, 45, 62, 77, 81, 85, 91, 93, 108, 146, 151, 185, 188, 194, 195, 212, 217];

function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function genericMx(name: string): string[] {
  const r = mulberry32(hashStr(name));
  const n = 1 + Math.floor(r() * 3);
  const out: string[] = [];
  const a = PUBLIC_A[Math.floor(r() * PUBLIC_A.length)]!;
  const b = Math.floor(r() * 256);
  const c = Math.floor(r() * 256);
  for (let i = 0; i < n; i++) out.push(`${a}.${b}.${c}.${1 + Math.floor(r() * 250)}`);
  return out;
}

/** Recipient domains, zipf-like: big mailbox providers first, then a long corporate tail. */
const DOMAINS: Picker<Domain> = (() => {
  const p = new Picker<Domain>();
  const big: [string, DomainKind, string[], number][] = [
    ['gmail.com', 'gmail', MX_GMAIL, 300],
    ['yahoo.com', 'yahoo', MX_YAHOO, 110],
    ['hotmail.com', 'ms', MX_MS, 80],
    ['outlook.com', 'ms', MX_MS, 60],
    ['icloud.com', 'apple', MX_APPLE, 40],
    ['aol.com', 'yahoo', MX_YAHOO, 30],
    ['live.com', 'ms', MX_MS, 20],
    ['comcast.net', 'generic', genericMx('comcast.net'), 18],
    ['msn.com', 'ms', MX_MS, 14],
    ['att.net', 'yahoo', MX_YAHOO, 12],
    ['me.com', 'apple', MX_APPLE, 10],
    ['yahoo.co.uk', 'yahoo', MX_YAHOO, 9],
    ['gmx.de', 'generic', genericMx('gmx.de'), 9],
    ['sbcglobal.net', 'yahoo', MX_YAHOO, 8],
    ['web.de', 'generic', genericMx('web.de'), 7],
    ['orange.fr', 'generic', genericMx('orange.fr'), 7],
    ['verizon.net', 'yahoo', MX_YAHOO, 6],
    ['mail.ru', 'generic', genericMx('mail.ru'), 6],
    ['googlemail.com', 'gmail', MX_GMAIL, 5],
    ['ymail.com', 'yahoo', MX_YAHOO, 5],
    ['protonmail.com', 'generic', genericMx('protonmail.com'), 5],
    ['btinternet.com', 'yahoo', MX_YAHOO, 5],
    ['yandex.ru', 'generic', genericMx('yandex.ru'), 4],
    ['cox.net', 'generic', genericMx('cox.net'), 4],
    ['hotmail.co.uk', 'ms', MX_MS, 4],
    ['qq.com', 'generic', genericMx('qq.com'), 3],
    ['charter.net', 'generic', genericMx('charter.net'), 3],
    ['rocketmail.com', 'yahoo', MX_YAHOO, 2],
    ['163.com', 'generic', genericMx('163.com'), 2],
    ['free.fr', 'generic', genericMx('free.fr'), 2],
  ];
  for (const [n, k, mx, w] of big) p.add(mkDomain(n, k, mx), w);
  // corporate tail: ~1000 names, zipf weights 1/rank (~20% of all mail)
  const pre = [
    'north',
    'blue',
    'bright',
    'clear',
    'green',
    'silver',
    'red',
    'swift',
    'true',
    'open',
    'smart',
    'prime',
    'next',
    'first',
    'global',
    'urban',
    'metro',
    'alpha',
    'nova',
    'terra',
    'aqua',
    'sun',
    'star',
    'peak',
    'river',
    'stone',
    'iron',
    'cedar',
    'maple',
    'pine',
    'oak',
    'harbor',
    'summit',
  ];
  const suf = [
    'wind',
    'field',
    'tech',
    'soft',
    'works',
    'labs',
    'logic',
    'data',
    'systems',
    'media',
    'health',
    'bank',
    'foods',
    'motors',
    'energy',
    'capital',
    'partners',
    'group',
    'legal',
    'design',
    'cloud',
    'ware',
    'point',
    'bridge',
    'gate',
    'path',
    'line',
    'wave',
    'core',
    'bay',
  ];
  const tld = ['com', 'com', 'com', 'com', 'net', 'org', 'io', 'co.uk', 'de', 'fr', 'com.au', 'ca'];
  const r = mulberry32(0x5eed);
  const names = new Set<string>(['contoso.com', 'fabrikam.com', 'example.com', 'initech.com']);
  for (const a of pre) {
    for (const b of suf) names.add(`${a}${b}.${tld[Math.floor(r() * tld.length)]!}`);
  }
  const list = [...names];
  for (let i = list.length - 1; i > 4; i--) {
    const j = 4 + Math.floor(r() * (i - 3));
    const t = list[i]!;
    list[i] = list[j]!;
    list[j] = t;
  }
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    p.add(mkDomain(n, 'generic', genericMx(n)), 28 / (i + 1));
  }
  p.add(mkDomain('exchange.mail.example.edu', 'ms', MX_MS), 3);
  // typos and dead domains: no MX reachable (retries until expiry) or NXDOMAIN
  for (const n of ['gmial.com', 'hotmial.com', 'yaho.com', 'outlok.com', 'oldcompany.biz']) {
    p.add(mkDomain(n, 'dead', []), 1.2);
  }
  for (const n of ['gmail.co', 'gmal.com', 'yahoo.cm', 'aol.co']) p.add(mkDomain(n, 'nx', []), 1);
  return p;
})();

const DEAD_DOMAINS = DOMAINS.items.filter((d) => d.kind === 'dead');

const FIRST = [
  'james',
  'mary',
  'john',
  'patricia',
  'robert',
  'jennifer',
  'michael',
  'linda',
  'william',
  'elizabeth',
  'david',
  'barbara',
  'richard',
  'susan',
  'joseph',
  'jessica',
  'thomas',
  'sarah',
  'chris',
  'karen',
  'daniel',
  'nancy',
  'matt',
  'lisa',
  'tony',
  'betty',
  'mark',
  'sandra',
  'paul',
  'ashley',
  'steve',
  'kim',
  'andrew',
  'emily',
  'josh',
  'donna',
  'kevin',
  'michelle',
  'brian',
  'carol',
  'george',
  'amanda',
  'ed',
  'melissa',
  'ron',
  'deb',
  'tim',
  'laura',
  'jason',
  'anna',
  'jeff',
  'olivia',
  'ryan',
  'emma',
  'jacob',
  'sophia',
  'gary',
  'chloe',
  'nick',
  'mia',
  'eric',
  'zoe',
  'jon',
  'ava',
  'luis',
  'maria',
  'juan',
  'ana',
  'wei',
  'li',
  'raj',
  'priya',
];
const LAST = [
  'smith',
  'johnson',
  'williams',
  'brown',
  'jones',
  'garcia',
  'miller',
  'davis',
  'rodriguez',
  'martinez',
  'hernandez',
  'lopez',
  'gonzalez',
  'wilson',
  'anderson',
  'thomas',
  'taylor',
  'moore',
  'jackson',
  'martin',
  'lee',
  'perez',
  'thompson',
  'white',
  'harris',
  'sanchez',
  'clark',
  'ramirez',
  'lewis',
  'robinson',
  'walker',
  'young',
  'allen',
  'king',
  'wright',
  'scott',
  'torres',
  'nguyen',
  'hill',
  'flores',
  'green',
  'adams',
  'nelson',
  'baker',
  'hall',
  'rivera',
  'campbell',
  'mitchell',
  'carter',
  'roberts',
  'schmidt',
  'muller',
  'dubois',
  'rossi',
  'kumar',
  'patel',
  'wang',
  'zhang',
  'chen',
  'kowalski',
  'novak',
  'jensen',
  'ivanov',
  'silva',
  'santos',
];
const WORDS = ['home', 'work', 'office', 'mail', 'shop', 'news', 'old', 'family', 'travel', 'box'];
// SMTPUTF8 local parts (rare): multi-byte UTF-8 in the logs
const UTF8_LOCAL = ['jürgen.müller', 'josé.garcía', 'françois', 'zoë.brontë', 'søren.kierkegård'];

// ---- responses

interface Ctx {
  rcpt: string;
  from: string;
  domain: string;
  fromDomain: string;
  bindIp: string;
  rng: Rng;
}

interface Tpl {
  stage: number;
  cls: number;
  text: (c: Ctx) => string;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
function rnd(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[Math.floor(r() * 36)];
  return s;
}
/** Gmail's trailing queue token, e.g. `d75a77b69052e-4401b4c3a1fsi1234567qtb.321 - gsmtp`. */
function gid(r: Rng): string {
  return `${rnd(r, 13)}-${rnd(r, 10)}si${1000000 + Math.floor(r() * 8999999)}${rnd(r, 3)}.${Math.floor(r() * 900) + 100} - gsmtp`;
}
/** An Exchange Online front-end host name. */
function msHost(r: Rng): string {
  const reg = r() < 0.7 ? 'NAM' : 'EUR';
  const n = 10 + Math.floor(r() * 3);
  const p = ['BN8', 'CO1', 'DM6', 'SN1', 'AM4', 'DB5', 'HE1'][Math.floor(r() * 7)]!;
  return `${p}${reg}${n}FT0${10 + Math.floor(r() * 89)}.eop-${reg.toLowerCase()}${n}.prod.protection.outlook.com`;
}
const t = (stage: number, cls: number, text: (c: Ctx) => string): Tpl => ({ stage, cls, text });

// internal (Momentum's own) texts
const T_NO_MX = t(0, 21, () => '421 4.4.0 [internal] no MXs for this domain could be reached at this time');
const T_CONN_TIMEOUT = t(12, 24, () => '421 4.4.1 [internal] Connection timed out');
const P_EXPIRED = t(0, 24, () => '554 5.4.7 [internal] exceeded max time without delivery');
const P_NXDOMAIN = t(0, 21, () => '554 5.4.4 [internal] unable to resolve domain: NXDOMAIN');
const P_TOO_BIG = t(9, 23, (c) =>
  c.rng() < 0.5 ? '552 5.3.4 Message size exceeds fixed maximum message size' : `552 5.3.4 <${c.rcpt}>: Message too big for this recipient`,
);

// transient failures
const T_GREYLIST = new Picker<Tpl>()
  .add(
    t(4, 70, (c) => `451 4.7.1 <${c.rcpt}>: greylisted, try again`),
    3,
  )
  .add(
    t(
      4,
      70,
      (c) => `451 4.7.1 <${c.rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${c.domain}.html`,
    ),
    3,
  )
  .add(
    t(4, 70, (c) => `450 4.2.0 <${c.rcpt}>: Recipient address rejected: Greylisted for 300 seconds`),
    2,
  )
  .add(
    t(9, 70, () => '451 4.3.0 Temporary system failure. Please try again later.'),
    1,
  )
  .add(
    t(12, 70, () => '421 4.3.2 Service not available, closing transmission channel'),
    1,
  )
  .add(
    t(4, 70, (c) => `450 4.1.8 <${c.from}>: Sender address rejected: Domain not found`),
    0.5,
  )
  .add(
    t(12, 70, () => '421 4.7.0 Too many concurrent SMTP connections from this IP; try again later'),
    1,
  )
  .add(T_CONN_TIMEOUT, 1);

const T_BY_KIND: Record<'gmail' | 'yahoo' | 'ms' | 'apple', Picker<Tpl>> = {
  gmail: new Picker<Tpl>()
    .add(
      t(
        9,
        51,
        (c) =>
          `421-4.7.28 [${c.bindIp}      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. ${gid(c.rng)}`,
      ),
      3,
    )
    .add(
      t(
        4,
        20,
        (c) =>
          `450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. Please resend your 450-4.2.1 message at a later point. If the user is able to receive mail at that 450-4.2.1 time, your message will be delivered. For more information, please 450 4.2.1 visit https://support.google.com/mail/?p=ReceivingRate ${gid(c.rng)}`,
      ),
      2,
    )
    .add(
      t(
        4,
        22,
        (c) =>
          `452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp ${gid(c.rng)}`,
      ),
      1,
    ),
  yahoo: new Picker<Tpl>()
    .add(
      t(
        4,
        51,
        (c) =>
          `421 4.7.0 [TSS04] Messages from ${c.bindIp} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes`,
      ),
      4,
    )
    .add(
      t(9, 70, () => '451 Message temporarily deferred - [160]'),
      1,
    ),
  ms: new Picker<Tpl>()
    .add(
      t(4, 70, (c) => `451 4.7.500 Server busy. Please try again later from [${c.bindIp}]. (S77719) [${msHost(c.rng)}]`),
      3,
    )
    .add(
      t(
        2,
        51,
        (c) =>
          `451 4.7.650 The mail server [${c.bindIp}] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [${msHost(c.rng)}]`,
      ),
      1,
    ),
  apple: new Picker<Tpl>().add(
    t(4, 51, () => '450 4.7.1 Error: too much mail from this IP address; please try again later. https://support.apple.com/en-us/HT204137'),
    1,
  ),
};

const P_MAILBOX_FULL_4 = t(4, 22, (c) => `552 5.2.2 <${c.rcpt}>: Mailbox full`);
const P_MAILBOX_FULL_9 = t(9, 22, (c) => `552 5.2.2 <${c.rcpt}>... Mailbox full`);
const T_MAILBOX_FULL = new Picker<Tpl>()
  .add(
    t(4, 22, (c) => `452 4.2.2 <${c.rcpt}>: Mailbox full`),
    2,
  )
  .add(
    t(9, 22, (c) => `452 4.2.2 <${c.rcpt}>... Over quota, try again later`),
    1,
  );

// permanent failures
const P_USER_UNKNOWN = new Picker<Tpl>()
  .add(
    t(4, 10, (c) => `550 5.1.1 <${c.rcpt}>: Recipient address rejected: User unknown in virtual mailbox table`),
    4,
  )
  .add(
    t(4, 10, (c) => `550 5.1.1 <${c.rcpt}>: Recipient address rejected: User unknown in local recipient table`),
    3,
  )
  .add(
    t(4, 10, (c) => `550 5.1.1 <${c.rcpt}>... User unknown`),
    2,
  )
  .add(
    t(4, 10, (c) => `550 5.2.1 <${c.rcpt}>: Mailbox disabled, not accepting messages`),
    1,
  )
  .add(
    t(4, 10, (c) => `553 5.1.3 <${c.rcpt}>: Recipient address rejected: invalid address`),
    0.5,
  );

const P_GENERIC = new Picker<Tpl>()
  .add(
    t(4, 22, (c) => `552 5.2.2 <${c.rcpt}>: Mailbox full`),
    8,
  )
  .add(
    t(4, 54, (c) => `554 5.7.1 <${c.rcpt}>: Relay access denied`),
    4,
  )
  .add(
    t(
      4,
      51,
      (c) =>
        `554 5.7.1 Service unavailable; Client host [${c.bindIp}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${c.bindIp}`,
    ),
    6,
  )
  .add(
    t(9, 52, () => '550 5.7.1 Message rejected as spam by Content Filtering.'),
    4,
  )
  .add(
    t(9, 53, () => '552 5.7.0 Message contains a prohibited attachment: invoice.zip'),
    1,
  )
  .add(
    t(4, 50, (c) => `550 5.7.1 <${c.from}>: Sender address rejected: Access denied`),
    3,
  )
  .add(
    t(2, 50, (c) => `550 5.7.23 The message was rejected because of Sender Policy Framework violation for ${c.fromDomain}`),
    1,
  )
  .add(P_TOO_BIG, 1)
  .add(
    t(7, 25, () => '554 5.7.0 Transaction failed: administrative prohibition'),
    1,
  );

const P_BY_KIND: Record<'gmail' | 'yahoo' | 'ms' | 'apple', Picker<Tpl>> = {
  gmail: new Picker<Tpl>()
    .add(
      t(
        4,
        10,
        (c) =>
          `550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser ${gid(c.rng)}`,
      ),
      12,
    )
    .add(
      t(
        9,
        50,
        (c) =>
          `550-5.7.26 Your email has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM. 550-5.7.26  550-5.7.26  Authentication results: 550-5.7.26  DKIM = did not pass 550-5.7.26  SPF [${c.fromDomain}] with ip: [${c.bindIp}] = did not pass 550-5.7.26  550-5.7.26  For instructions on setting up authentication, go to 550 5.7.26  https://support.google.com/mail/answer/81126#authentication ${gid(c.rng)}`,
      ),
      2,
    )
    .add(
      t(
        4,
        22,
        (c) =>
          `552-5.2.2 The recipient's inbox is out of storage space and inactive. Please 552-5.2.2 direct the recipient to 552 5.2.2  https://support.google.com/mail/?p=OverQuotaPerm ${gid(c.rng)}`,
      ),
      2,
    )
    .add(
      t(
        9,
        52,
        (c) =>
          `550-5.7.1 [${c.bindIp}      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError ${gid(c.rng)}`,
      ),
      2,
    )
    .add(
      t(
        9,
        53,
        (c) =>
          `552-5.7.0 This message was blocked because its content presents a potential 552-5.7.0 security issue. To review our message content and attachment content 552-5.7.0 guidelines, go to 552 5.7.0  https://support.google.com/mail/?p=BlockedMessage ${gid(c.rng)}`,
      ),
      0.5,
    ),
  yahoo: new Picker<Tpl>()
    .add(
      t(
        9,
        10,
        (c) =>
          `554 delivery error: dd This user doesn't have a ${c.domain} account (${c.rcpt}) [0] - mta${
            1000 + Math.floor(c.rng() * 9000)
          }.mail.bf1.yahoo.com`,
      ),
      8,
    )
    .add(
      t(
        9,
        10,
        (c) =>
          `554 delivery error: dd Sorry your message to ${c.rcpt} cannot be delivered. This mailbox is disabled (554.30). - mta${
            1000 + Math.floor(c.rng() * 9000)
          }.mail.gq1.yahoo.com`,
      ),
      3,
    )
    .add(
      t(
        4,
        51,
        (c) =>
          `553 5.7.2 [TSS09] All messages from ${c.bindIp} will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes`,
      ),
      2,
    )
    .add(
      t(9, 50, () => '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes'),
      1,
    ),
  ms: new Picker<Tpl>()
    .add(
      t(4, 10, (c) => `550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [${msHost(c.rng)}]`),
      6,
    )
    .add(
      t(4, 10, (c) => `550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [${msHost(c.rng)}]`),
      3,
    )
    .add(
      t(
        2,
        50,
        (c) =>
          `550 5.7.1 Unfortunately, messages from [${c.bindIp}] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [${msHost(c.rng)}]`,
      ),
      2,
    )
    .add(
      t(
        4,
        50,
        (c) =>
          `550 5.7.606 Access denied, banned sending IP [${c.bindIp}]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [${msHost(c.rng)}]`,
      ),
      1,
    ),
  apple: new Picker<Tpl>()
    .add(
      t(4, 10, (c) => `550 5.1.1 <${c.rcpt}>: user does not exist`),
      4,
    )
    .add(
      t(4, 51, () => '554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137'),
      1,
    ),
};

const CLASS_NAMES: Record<number, string> = {
  1: 'Undetermined',
  10: 'Invalid Recipient',
  20: 'Soft Bounce',
  21: 'DNS Failure',
  22: 'Mailbox Full',
  23: 'Too Large',
  24: 'Timeout',
  25: 'Admin Failure',
  30: 'Generic Bounce: No RCPT',
  40: 'Generic Bounce',
  50: 'Mail Block',
  51: 'Spam Block',
  52: 'Spam Content',
  53: 'Prohibited Attachment',
  54: 'Relaying Denied',
  60: 'Auto-Reply',
  70: 'Transient Failure',
  80: 'Subscribe',
  90: 'Unsubscribe',
  100: 'Challenge-Response',
};

const OOB_CLASSES = new Picker<number>()
  .add(10, 50)
  .add(60, 15)
  .add(22, 10)
  .add(20, 8)
  .add(40, 5)
  .add(1, 4)
  .add(24, 3)
  .add(90, 2)
  .add(100, 1)
  .add(30, 1)
  .add(25, 1);

/** Rejected transactions: phase, SMTP code, module, message (`$ip`: the client, `$rcpt`: a recipient). */
/**
 * Refusals the rejectlog holds: [phase, code, module, text, what CTXMESS knows]. Connection-level
 * refusals (blocklists at connect, protocol errors before a sender) have an empty CTXMESS; a
 * message's refusals know its sender, and from RCPT TO on its recipient.
 */
const REJECTS: ReadonlyArray<readonly [string, number, string, string, 'none' | 'from' | 'rcpt']> = [
  ['awaiting rcptto', 550, 'scriptlet', '5.7.1 relaying denied', 'rcpt'],
  ['awaiting mailfrom', 550, 'scriptlet', 'relaying denied', 'from'],
  ['connect', 554, 'sieve', '5.7.1 Service unavailable; client [$ip] blocked using zen.spamhaus.org', 'none'],
  ['awaiting rcptto', 550, 'validate', '5.1.1 <$rcpt>: Recipient address rejected: User unknown', 'rcpt'],
  ['awaiting data', 452, 'inbound_throttle', '4.3.1 too many messages from $ip, try again later', 'rcpt'],
  ['awaiting mailfrom', 500, 'smtp', '5.5.2 Syntax error, command unrecognized', 'none'],
];

// ---------------------------------------------------------------------------------------------
// Simulation

type StepType = 'T' | 'D' | 'P' | 'X';

interface Step {
  /** µs */
  t: number;
  type: StepType;
  tpl: Tpl | null;
}

interface Msg {
  id: string;
  batch: string;
  rcptLocal: string;
  rcptDomain: string;
  dom: Domain;
  fromLocal: string;
  fromDomain: string;
  size: number;
  dsize: number;
  group: Group;
  binding: Binding;
  recv: number; // µs
  steps: Step[];
  idx: number;
  /** the message's pending event (it has at most one): time µs, tie-break, out-of-band bounce? */
  t: number;
  s: number;
  oob: boolean;
  /** a copy of a delivered message standing for its spam complaint */
  fbl: boolean;
}

/** Binary min-heap of messages by their pending event (time, then creation order). */
class Heap {
  private a: Msg[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): Msg | undefined {
    return this.a[0];
  }
  private less(x: Msg, y: Msg): boolean {
    return x.t < y.t || (x.t === y.t && x.s < y.s);
  }
  push(e: Msg): void {
    const a = this.a;
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = a[p]!;
      if (!this.less(e, pe)) break;
      a[i] = pe;
      i = p;
    }
    a[i] = e;
  }
  pop(): Msg | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    const n = a.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(a[r]!, a[l]!)) c = r;
      if (!this.less(a[c]!, last)) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

const SEC = 1_000_000;
const HORIZON = 2 * 3600 * SEC; // max lifecycle of a message when `messages` is bounded
const NEAR = 60 * SEC;

const PAD2: string[] = [];
const PAD3: string[] = [];
for (let i = 0; i < 1000; i++) {
  if (i < 100) PAD2.push(String(i).padStart(2, '0'));
  PAD3.push(String(i).padStart(3, '0'));
}

/** queue time: `0.393` below 1 s, `18.53` below an hour, `306072.00` (whole seconds) above */
function fmtQt(us: number): string {
  if (us < 999_500) return '0.' + PAD3[Math.round(us / 1000)]!;
  if (us >= 3600 * SEC) return Math.floor(us / SEC) + '.00';
  const c = Math.round(us / 10000);
  return Math.floor(c / 100) + '.' + PAD2[c % 100]!;
}

class Sim {
  private readonly r: Rng;
  private readonly pid: string;
  private readonly hires: boolean;
  private readonly legacy: number;
  private readonly heartbeats: boolean;
  private readonly limit: number;
  private readonly bounded: boolean;
  private readonly quoted: number;
  private readonly rateScale: number;
  private readonly fbl: number;
  private readonly rejections: number;
  private readonly start: number; // µs
  // pending message events: `near` holds those due within NEAR µs of the time they were pushed
  // (first attempts, OOB bounces — the bulk), `far` the retries and long waits; popping takes
  // the smaller top, so the order is exactly that of a single heap, but the hot heap stays tiny.
  private readonly near = new Heap();
  private readonly far = new Heap();
  private now = 0;
  private seq = 0; // event tie-break
  private idSeq = 0;
  private received = 0;
  private nextArrival = Infinity;
  private hbMain = Infinity;
  private hbBounce = Infinity;
  /** cached outbound connection per (domain, binding): [domain.index * bindingCount + index] */
  private readonly outConns: (OutConn | undefined)[] = [];
  private readonly inConns = new Map<string, OutConn>();
  private campaign: Sender | null = null;
  private campaignEnd = 0;
  private lastEpoch = -1;
  private lastEpochHex = '';
  private readonly ctx: Ctx;
  readonly out: GeneratedLine[] = [];

  constructor(o: GenerateOptions) {
    this.r = mulberry32((o.seed ?? 1) ^ 0x9e3779b9);
    this.hires = o.hires ?? false;
    this.legacy = Math.min(1, Math.max(0, o.legacy ?? 0));
    this.heartbeats = o.heartbeats ?? true;
    this.limit = o.messages ?? Infinity;
    this.bounded = Number.isFinite(this.limit);
    this.quoted = o.quoted ?? 0.005;
    this.rateScale = o.rate ?? 1;
    if (!(this.rateScale > 0)) throw new RangeError('generate: rate must be > 0');
    this.fbl = Math.min(1, Math.max(0, o.fbl ?? 0));
    this.rejections = Math.min(1, Math.max(0, o.rejections ?? 0));
    this.start = Math.round((o.startTime ?? 1717221600) * SEC);
    this.pid = String(1000 + Math.floor(this.r() * 30000)).padStart(5, '0');
    this.ctx = { rcpt: '', from: '', domain: '', fromDomain: '', bindIp: '', rng: this.r };

    if (this.limit > 0) this.nextArrival = this.start + Math.floor(this.r() * 2 * SEC);
    if (this.heartbeats) {
      this.hbMain = this.start + Math.floor(this.r() * 60 * SEC);
      this.hbBounce = this.start + Math.floor(this.r() * 60 * SEC);
    }
    const backlog = Math.max(0, Math.floor(o.backlog ?? 0));
    for (let i = 0; i < backlog; i++) this.backlogMessage();
  }

  // ---- helpers

  private push(t: number, m: Msg, oob = false): void {
    m.t = t;
    m.s = this.seq++;
    m.oob = oob;
    if (t - this.now <= NEAR) this.near.push(m);
    else this.far.push(m);
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  private of<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)]!;
  }

  private expo(mean: number): number {
    return -Math.log(1 - this.r()) * mean;
  }

  private newId(us: number): string {
    const epoch = Math.floor(us / SEC);
    if (epoch !== this.lastEpoch) {
      this.lastEpoch = epoch;
      this.lastEpochHex = reversedEpochHex(epoch);
    }
    const s = this.idSeq++;
    return `${HEX2[s & 255]!}/${HEX2[(s >>> 8) & 255]!}-${this.pid}-${this.lastEpochHex}`;
  }

  /** an ID created at an arbitrary (past) time */
  private idAt(us: number): string {
    const s = this.idSeq++;
    return formatId(Number(this.pid), Math.floor(us / SEC), s);
  }

  private tsSec = -1;
  private tsStr = '';
  private ts(us: number, legacyLine: boolean): string {
    if (this.hires && !legacyLine) return String(us);
    const sec = Math.floor(us / SEC);
    if (sec !== this.tsSec) {
      this.tsSec = sec;
      this.tsStr = String(sec);
    }
    return this.tsStr;
  }

  private isLegacy(): boolean {
    return this.legacy > 0 && this.r() < this.legacy;
  }

  private emit(log: GeneratedLog, text: string): void {
    this.out.push({ log, text });
  }

  private localPart(): string {
    const r = this.r();
    const f = this.of(FIRST);
    const l = this.of(LAST);
    if (r < this.quoted) {
      const q = this.r();
      if (q < 0.6) return `"${f}@${this.of(WORDS)}"`;
      if (q < 0.85) return `"${f} ${l}"`;
      return `"${f}.${l}@${this.of(WORDS)}"`;
    }
    const x = (r - this.quoted) / (1 - this.quoted);
    if (x < 0.3) return `${f}.${l}`;
    if (x < 0.45) return `${f}${l}${this.r() < 0.5 ? this.int(1, 99) : ''}`;
    if (x < 0.55) return `${f[0]!}${l}`;
    if (x < 0.62) return `${f}_${l}`;
    if (x < 0.72) return `${f}${this.int(1955, 2008)}`;
    if (x < 0.78) return `${f}+${this.of(WORDS)}`;
    if (x < 0.86) return `${l}.${f}`;
    if (x < 0.998) return `${f}${l[0]!}${this.int(1, 9999)}`;
    return this.of(UTF8_LOCAL);
  }

  private bindingOf(g: Group): Binding {
    return this.of(g.bindings);
  }

  private sizeOf(typical: number): number {
    // log-normal around the sender's typical size
    const u = 1 - this.r();
    const v = this.r();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(350, Math.min(40_000_000, Math.round(typical * Math.exp(0.9 * z))));
  }

  private rate(us: number): number {
    // messages/s: diurnal (peak ~15:00 UTC, trough ~03:00), ×3 during campaigns
    const day = ((us / SEC) % 86400) / 86400;
    const d = 1 + 0.55 * Math.sin(2 * Math.PI * (day - 0.375));
    return 2.6 * d * this.rateScale;
  }

  // ---- message lifecycle planning

  private retryDelay(g: Group, k: number): number {
    const base = Math.min(g.retry * 2 ** (k - 1), 14400);
    return Math.round(base * (0.9 + 0.2 * this.r()) * SEC);
  }

  private tempFor(dom: Domain): Tpl {
    if (dom.kind === 'dead') return this.r() < 0.8 ? T_NO_MX : T_CONN_TIMEOUT;
    if (dom.kind === 'generic' || dom.kind === 'nx') return T_GREYLIST.pick(this.r());
    if (this.r() < 0.25) return T_GREYLIST.pick(this.r());
    return T_BY_KIND[dom.kind].pick(this.r());
  }

  private permFor(dom: Domain): Tpl {
    if (dom.kind === 'nx' || dom.kind === 'dead') return P_NXDOMAIN;
    if (dom.kind === 'generic' || this.r() < 0.2) {
      return this.r() < 0.55 ? P_USER_UNKNOWN.pick(this.r()) : P_GENERIC.pick(this.r());
    }
    return P_BY_KIND[dom.kind].pick(this.r());
  }

  /** T attempts then a final step, starting at `first` (µs); expire when past the expiration. */
  private chain(m: Msg, first: number, nT: number, temp: Tpl, fin: StepType, finTpl: Tpl | null, horizon: number): Step[] {
    const steps: Step[] = [];
    const expireAt = m.recv + m.group.expire * SEC;
    let at = first;
    for (let k = 1; k <= nT; k++) {
      steps.push({ t: at, type: 'T', tpl: temp });
      at += this.retryDelay(m.group, k);
      if (at > expireAt) {
        steps.push({ t: at, type: 'P', tpl: P_EXPIRED });
        return steps;
      }
      if (at - m.recv >= horizon) {
        // bounded run: no more retries, finish at the horizon
        at = m.recv + horizon;
        break;
      }
    }
    steps.push({ t: at, type: fin, tpl: finTpl });
    return steps;
  }

  /** until expiry: T every retry, then the expiry P */
  private expireChain(m: Msg, first: number, temp: Tpl): Step[] {
    const steps: Step[] = [];
    const expireAt = m.recv + m.group.expire * SEC;
    let at = first;
    let k = 0;
    while (at <= expireAt) {
      steps.push({ t: at, type: 'T', tpl: temp });
      at += this.retryDelay(m.group, ++k);
    }
    steps.push({ t: at, type: 'P', tpl: P_EXPIRED });
    return steps;
  }

  private plan(m: Msg): Step[] {
    const r = this.r;
    let delay = 0.03 + this.expo(0.8);
    if (r() < 0.05) delay += 5 + r() * 55; // queue congestion
    const first = m.recv + Math.round(delay * SEC);
    const dom = m.dom;
    const horizon = this.bounded ? HORIZON : Infinity;
    if (dom.kind === 'nx') return [{ t: first, type: 'P', tpl: P_NXDOMAIN }];
    if (dom.kind === 'dead') {
      if (this.bounded && m.group.expire * SEC > HORIZON) {
        return [{ t: first, type: 'P', tpl: P_NXDOMAIN }];
      }
      return this.expireChain(m, first, this.tempFor(dom));
    }
    if (m.size > 25_000_000) return [{ t: first, type: 'P', tpl: P_TOO_BIG }];
    const x = r();
    if (x < 0.012) return [{ t: first, type: 'X', tpl: null }];
    if (x < 0.072) return [{ t: first, type: 'P', tpl: this.permFor(dom) }];
    if (x < 0.092) {
      // transient, then permanent
      const y = r();
      let temp: Tpl;
      let fin: Tpl;
      if (y < 0.4) {
        temp = T_MAILBOX_FULL.pick(r());
        fin = temp.stage === 4 ? P_MAILBOX_FULL_4 : P_MAILBOX_FULL_9;
      } else if (y < 0.7) {
        temp = T_GREYLIST.pick(r());
        fin = P_USER_UNKNOWN.pick(r());
      } else {
        temp = this.tempFor(dom);
        fin = this.permFor(dom);
      }
      return this.chain(m, first, this.int(1, 4), temp, 'P', fin, horizon);
    }
    if (x < 0.097 && m.group.expire * SEC <= horizon) {
      // remote keeps deferring until the (short) expiration
      return this.expireChain(m, first, this.tempFor(dom));
    }
    if (x < 0.215) {
      const n = r() < 0.7 ? 1 : r() < 0.7 ? 2 : this.int(3, 5);
      return this.chain(m, first, n, this.tempFor(dom), 'D', null, horizon);
    }
    return [{ t: first, type: 'D', tpl: null }];
  }

  // ---- message creation

  private newMessage(
    recv: number,
    id: string,
    batch: string,
    rcptLocal: string,
    dom: Domain,
    s: Sender | null,
    fromLocal: string,
    fromDomain: string,
    size: number,
    g: Group,
    b: Binding,
  ): Msg {
    let rcptDomain = dom.name;
    if (this.r() < 0.01) {
      // as typed by the sender; the routing domain on D/T/P stays lower case
      rcptDomain = this.r() < 0.5 ? rcptDomain.toUpperCase() : rcptDomain[0]!.toUpperCase() + rcptDomain.slice(1);
    }
    const dsize = s && s.signed ? size + this.int(480, 720) : size;
    return {
      id,
      batch,
      rcptLocal,
      rcptDomain,
      dom,
      fromLocal,
      fromDomain,
      size,
      dsize,
      group: g,
      binding: b,
      recv,
      steps: [],
      idx: 0,
      t: 0,
      s: 0,
      oob: false,
      fbl: false,
    };
  }

  private arrival(now: number): void {
    const r = this.r;
    if (this.rejections > 0 && r() < this.rejections) this.reject(now);
    // campaigns: bursts from one bulk sender
    if (this.campaign !== null && now > this.campaignEnd) this.campaign = null;
    if (this.campaign === null && r() < 0.0015) {
      this.campaign = this.of(CAMPAIGN_SENDERS);
      this.campaignEnd = now + Math.round((20 + r() * 100) * SEC);
    }
    let s: Sender | null = this.campaign !== null && r() < 0.75 ? this.campaign : SENDERS.pick(r());
    let proto: string = s.proto;
    let ip: string;
    let fromLocal = s.local;
    let fromDomain = s.domain;
    let g = s.group;
    const z = r();
    if (z < 0.012) {
      // null sender: a DSN generated here, or one relayed by a client
      s = null;
      fromLocal = '';
      fromDomain = '';
      g = G_DEFAULT;
      proto = r() < 0.6 ? 'internal' : 'esmtp';
    } else if (z < 0.022) {
      proto = 'xfer';
    }
    if (s !== null && s.verp) {
      // SparkPost-style VERP envelope sender
      const tag = `${19000 + this.int(0, 999)}${rnd(r, 11)}`;
      fromLocal = `msprvs1=${tag}=bounces-${this.int(10000, 999999)}`;
    } else if (s !== null && r() < 0.001) {
      fromLocal = `"${s.local}@${this.of(WORDS)}"`;
    }
    if (proto === 'internal') ip = '127.0.0.1';
    else if (proto === 'xfer') ip = this.of(PEERS);
    else if (proto === 'rest') ip = 'unknown';
    else if (r() < 0.03) ip = this.of(CLIENTS6);
    else ip = `10.20.${this.int(0, 3)}.${this.int(10, 40)}`;

    // inbound connection: reused by a client for a few seconds
    let conn: string;
    const ic = this.inConns.get(ip);
    if (proto !== 'rest' && ic !== undefined && now - ic.last < 8 * SEC) {
      conn = ic.id;
      ic.last = now;
    } else {
      conn = this.newId(now);
      if (proto !== 'rest') this.inConns.set(ip, { id: conn, ip, last: now });
    }

    // recipients
    const q = r();
    let n = q < 0.86 ? 1 : q < 0.96 ? this.int(2, 3) : q < 0.995 ? this.int(4, 10) : this.int(11, 40);
    n = Math.min(n, this.limit - this.received);
    const size = this.sizeOf(s !== null ? s.size : 4000);
    const b = this.bindingOf(g);
    let batch = '';
    for (let i = 0; i < n; i++) {
      // all recipients of one transaction are received at the same instant
      const id = this.newId(now);
      if (i === 0) batch = id;
      const dom = DOMAINS.pick(r());
      const m = this.newMessage(now, id, batch, this.localPart(), dom, s, fromLocal, fromDomain, size, g, b);
      this.received++;
      this.writeR(m, conn, ip, proto);
      m.steps = this.plan(m);
      const st = m.steps[0]!;
      this.push(st.t, m);
    }
    if (this.received < this.limit) {
      const inj = (this.rate(now) * (this.campaign !== null ? 3 : 1)) / 1.45;
      this.nextArrival = now + Math.max(1, Math.round(this.expo(1 / inj) * SEC));
    } else {
      this.nextArrival = Infinity;
    }
  }

  /** A message already queued at log start (its R is in an older log). */
  private backlogMessage(): void {
    const r = this.r;
    const s = SENDERS.pick(r());
    const g = s.group === G_TX ? G_DEFAULT : s.group;
    const y = r();
    const dom = y < 0.35 ? this.of(DEAD_DOMAINS) : DOMAINS.pick(r());
    const size = this.sizeOf(s.size);
    const m = this.newMessage(0, '', '', this.localPart(), dom, s, s.local, s.domain, size, g, this.bindingOf(g));
    // plan relative to recv = 0, then shift so the final step lands shortly after log start
    let steps: Step[];
    if (y < 0.55) {
      steps = this.expireChain(m, Math.round(this.expo(1) * SEC), this.tempFor(dom));
    } else {
      const temp = this.tempFor(dom);
      const n = this.int(4, 20);
      const fin: StepType = y < 0.85 ? 'D' : 'P';
      steps = this.chain(m, Math.round(this.expo(1) * SEC), n, temp, fin, fin === 'P' ? this.permFor(dom) : null, Infinity);
    }
    const window = this.bounded ? Math.max(60, this.limit / 3) * SEC : 7200 * SEC;
    const finalAt = this.start + Math.round(r() * window);
    const shift = finalAt - steps[steps.length - 1]!.t;
    for (const st of steps) st.t += shift;
    m.recv = shift;
    m.id = this.idAt(m.recv);
    m.batch = m.id;
    m.steps = steps;
    let i = 0;
    while (steps[i]!.t < this.start) i++;
    m.idx = i;
    this.push(steps[i]!.t, m);
  }

  // ---- line writers

  private writeR(m: Msg, conn: string, ip: string, proto: string): void {
    const ts = m.recv;
    if (this.isLegacy()) {
      const p = proto === 'xfer' ? 'xfr' : proto;
      const bind = this.r() < 0.5 ? m.binding.name : `${m.group.name}@${m.binding.name}`; // 2.1 : 2.2
      this.emit(
        'mainlog',
        `${this.ts(ts, true)}@${m.id}@R@${m.rcptLocal}@${m.rcptDomain}@${m.fromLocal}@${m.fromDomain}@${ip}@${m.size}@${p}@${bind}`,
      );
      return;
    }
    this.emit(
      'mainlog',
      `${this.ts(ts, false)}@${m.id}@${m.batch}@${conn}@R@${m.rcptLocal}@${m.rcptDomain}@${m.fromLocal}@${m.fromDomain}@${ip}@${m.size}@${proto}@${m.group.name}@${m.binding.name}`,
    );
  }

  private outConn(m: Msg, now: number): OutConn {
    const slot = m.dom.index * bindingCount + m.binding.index;
    let c = this.outConns[slot];
    if (c === undefined || now - c.last > 30 * SEC || this.r() < 0.05) {
      let ip = m.dom.mx.length > 0 ? this.of(m.dom.mx) : '';
      if (m.dom.mx6 !== '' && this.r() < 0.15) ip = m.dom.mx6;
      c = { id: this.newId(now), ip, last: now };
      this.outConns[slot] = c;
    }
    c.last = now;
    return c;
  }

  private step(m: Msg, now: number): void {
    const st = m.steps[m.idx]!;
    const retries = m.idx;
    const qt = fmtQt(now - m.recv);
    const domain = m.dom.name;
    const g = m.group.name;
    const b = m.binding.name;
    if (st.type === 'D' || st.type === 'X') {
      let conn: string;
      let ip: string;
      if (st.type === 'X') {
        conn = this.newId(now);
        ip = this.of(PEERS);
      } else {
        const c = this.outConn(m, now);
        conn = c.id;
        ip = c.ip;
      }
      if (st.type === 'D' && this.isLegacy()) {
        const rest = this.r() < 0.5 ? `${b}@${retries}@${qt}` : `${g}@${b}@${retries}@${qt}@${ip}`; // 2.1 : 2.2
        this.emit('mainlog', `${this.ts(now, true)}@${m.id}@D@${domain}@${m.dsize}@${rest}`);
      } else {
        this.emit(
          'mainlog',
          `${this.ts(now, false)}@${m.id}@${m.batch}@${conn}@${st.type}@${domain}@${m.dsize}@${g}@${b}@${retries}@${qt}@${ip}`,
        );
      }
      if (st.type === 'D' && this.r() < 0.012) {
        const d = this.bounded ? 1 + this.expo(30) : 2 + this.expo(900);
        this.push(now + Math.round(d * SEC), m, true);
      }
      if (st.type === 'D' && this.fbl > 0 && this.r() < this.fbl) {
        // the complaint stands apart from the message's own pending event (an OOB bounce)
        const d = this.bounded ? 5 + this.expo(300) : 300 + this.expo(7200);
        this.push(now + Math.round(d * SEC), { ...m, fbl: true });
      }
      return;
    }
    // T or P
    const tpl = st.tpl ?? P_EXPIRED;
    const stage = tpl.stage;
    let conn = NULL_ID;
    let ip = '';
    if (stage > 0) {
      const c = this.outConn(m, now);
      conn = c.id;
      ip = c.ip;
    }
    const bytes = stage >= 6 ? m.dsize : 0;
    const ctx = this.ctx;
    ctx.rcpt = `${m.rcptLocal}@${m.rcptDomain}`;
    ctx.from = `${m.fromLocal}@${m.fromDomain}`;
    ctx.domain = domain;
    ctx.fromDomain = m.fromDomain;
    ctx.bindIp = m.binding.ip;
    const text = tpl.text(ctx);
    if (this.isLegacy()) {
      const mid =
        this.r() < 0.5
          ? `${b}@${stage}@${retries}@${qt}` // 2.1
          : `${g}@${b}@${stage}@${retries}@${qt}@${ip}`; // 2.2
      this.emit('mainlog', `${this.ts(now, true)}@${m.id}@${st.type}@${domain}@${bytes}@${mid}@${text}`);
    } else {
      this.emit(
        'mainlog',
        `${this.ts(now, false)}@${m.id}@${m.batch}@${conn}@${st.type}@${domain}@${bytes}@${g}@${b}@${stage}@${retries}@${qt}@${ip}@${text}`,
      );
    }
    if (st.type === 'P') {
      this.writeB(m, now, m.id, m.batch, conn, g, b, stage, tpl.cls, m.dsize, ip, text);
    } else if (this.r() < 0.15) {
      // bounce_logger configured to log transient failures too
      this.emit(
        'bouncelog',
        `${this.ts(now, false)}@${m.id}@${m.batch}@${conn}@T@${m.rcptLocal}@${m.rcptDomain}@${m.fromLocal}@${m.fromDomain}@${g}@${b}@${stage}@${tpl.cls}@${m.dsize}@${ip}@${text}`,
      );
    }
  }

  private writeB(
    m: Msg,
    now: number,
    id: string,
    batch: string,
    conn: string,
    g: string,
    b: string,
    stage: number,
    cls: number,
    size: number,
    ip: string,
    text: string,
  ): void {
    if (this.isLegacy()) {
      const mid = this.r() < 0.5 ? `${b}@${stage}@${cls}` : `${g}@${b}@${stage}@${cls}@${ip}`; // 2.1 : 2.2
      this.emit('bouncelog', `${this.ts(now, true)}@${id}@B@${m.rcptLocal}@${m.rcptDomain}@${m.fromLocal}@${m.fromDomain}@${mid}@${text}`);
      return;
    }
    this.emit(
      'bouncelog',
      `${this.ts(now, false)}@${id}@${batch}@${conn}@B@${m.rcptLocal}@${m.rcptDomain}@${m.fromLocal}@${m.fromDomain}@${g}@${b}@${stage}@${cls}@${size}@${ip}@${text}`,
    );
  }

  private oob(m: Msg, now: number): void {
    const cls = OOB_CLASSES.pick(this.r());
    const id = this.newId(now);
    const conn = this.newId(now);
    const keep = this.r() < 0.5;
    const ip = m.dom.mx.length > 0 ? this.of(m.dom.mx) : '';
    const g = keep ? m.group.name : '';
    const b = keep ? m.binding.name : '';
    const text = `550 [internal] [oob] ${CLASS_NAMES[cls] ?? 'Undetermined'}`;
    this.writeB(m, now, id, id, conn, g, b, 21, cls, this.int(1500, 9000), ip, text);
  }

  /** fbllog `F`: ts@message_id@F@rcpt_lp@rcpt_dom@binding@binding_group@feedback_type@fbl_domain@user_string */
  private complaint(m: Msg, now: number): void {
    const type = this.r() < 0.04 ? '' : 'abuse';
    const user = this.r() < 0.5 ? '' : 'true';
    this.emit(
      'fbllog',
      `${this.ts(now, false)}@${m.id}@F@${m.rcptLocal}@${m.rcptDomain}@${m.binding.name}@${m.group.name}@${type}@${m.dom.name}@${user}`,
    );
  }

  /** A rejectlog line: a transaction some client did not get through, at `now`. */
  private reject(now: number): void {
    const r = this.r;
    const v6 = r() < 0.05;
    const ip = v6 ? this.of(CLIENTS6) : `${this.of(['192.0.2', '198.51.100', '100.64.7'])}.${this.int(1, 254)}`;
    const port = this.int(1025, 65535);
    const helo = `${rnd(r, 6)}.example.net`;
    const from = SENDERS.pick(r());
    const rcpt = `${this.localPart()}@${DOMAINS.pick(r()).name}`;
    const [phase, code, module, text, knows] = this.of(REJECTS);
    const message = text.replace('$ip', ip).replace('$rcpt', rcpt);
    const at = rcpt.lastIndexOf('@');
    const ctx =
      knows === 'none'
        ? ''
        : `mailfrom_domain=${from.domain},mailfrom_string="MAIL FROM:<${from.local}@${from.domain}>",mailfrom_localpart=${from.local}` +
          (knows === 'rcpt' ? `,rcptto_localpart=${rcpt.slice(0, at)},rcptto_domain=${rcpt.slice(at + 1)}` : '');
    this.emit(
      'rejectlog',
      `${Math.floor(now / SEC)}: R="${v6 ? `[${ip}]` : ip}:${port}" L="203.0.113.10:25" C="${this.newId(now)}" PATH="default" PATH_GRP="default" P="${phase}" E=${code} M=${module} CTXCONN=[pathway=default,ehlo_string="EHLO ${helo}",ehlo_domain=${helo}] CTXMESS=[${ctx}] ${message}`,
    );
  }

  private heartbeat(log: 'mainlog' | 'bouncelog', now: number): void {
    if (this.isLegacy()) this.emit(log, this.ts(now, true) + '@@M');
    else this.emit(log, this.ts(now, false) + (log === 'mainlog' ? '@@@@M' : '@@@@M1'));
    const jitter = this.hires ? Math.floor(this.r() * 2000) - 1000 : 0;
    if (log === 'mainlog') this.hbMain = now + 60 * SEC + jitter;
    else this.hbBounce = now + 60 * SEC + jitter;
  }

  /** Process the next event into `out`; false when the log is complete. */
  advance(): boolean {
    const a = this.near.peek();
    const b = this.far.peek();
    let heap = this.near;
    let m = a;
    if (b !== undefined && (a === undefined || b.t < a.t || (b.t === a.t && b.s < a.s))) {
      heap = this.far;
      m = b;
    }
    if (m === undefined && this.nextArrival === Infinity) return false;
    const tm = m === undefined ? Infinity : m.t;
    const now = Math.min(tm, this.nextArrival, this.hbMain, this.hbBounce);
    this.now = now;
    if (now === this.hbMain) this.heartbeat('mainlog', now);
    else if (now === this.hbBounce) this.heartbeat('bouncelog', now);
    else if (now === this.nextArrival) this.arrival(now);
    else if (m !== undefined) {
      heap.pop();
      if (m.fbl) this.complaint(m, now);
      else if (m.oob) this.oob(m, now);
      else {
        this.step(m, now);
        const nx = m.steps[++m.idx];
        if (nx !== undefined) this.push(nx.t, m);
      }
    }
    return true;
  }
}

/**
 * Generates mainlog and bouncelog lines in time order. Unbounded unless `messages` is given;
 * with `messages`, ends once every message's lifecycle (and any out-of-band bounce) is written.
 */
export function* generate(opts: GenerateOptions = {}): Generator<GeneratedLine> {
  const sim = new Sim(opts);
  const out = sim.out;
  while (sim.advance()) {
    for (let i = 0; i < out.length; i++) yield out[i]!;
    out.length = 0;
  }
}
