import { WHOLE_AFTER, WHOLE_BEFORE, type FormatPlan } from './match';

/**
 * Whether two stage formats can be told apart: a line that both formats' matchers accept, or null
 * when there is none. Each format is turned into an automaton over bytes that accepts at least the
 * lines its matcher accepts (bounded field: any bytes in which its delimiter — the literal, or the
 * literal's edge byte, as the matcher looks for it — does not occur; free field: any bytes;
 * quote-aware field: its quoted-string forms); the product of the two automata is searched
 * breadth-first. Exact for everything but quote-aware fields right of a free field or next to a
 * literal of several bytes, which are widened to any bytes — so a format is never accepted when
 * a line could match two stages.
 */

type ByteSet = Uint8Array;

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;

function anyBut(...bytes: number[]): ByteSet {
  const set = new Uint8Array(256).fill(1);
  set[NEWLINE] = 0;
  for (const b of bytes) if (b >= 0) set[b] = 0;
  return set;
}

function only(b: number): ByteSet {
  const set = new Uint8Array(256);
  set[b] = 1;
  return set;
}

/** A nondeterministic automaton: byte edges and epsilon edges; state 0 starts, `accept` ends. */
class Nfa {
  readonly edges: Array<Array<[ByteSet, number]>> = [[]];
  readonly eps: number[][] = [[]];
  cur = 0;
  accept = 0;

  state(): number {
    this.edges.push([]);
    this.eps.push([]);
    return this.edges.length - 1;
  }

  edge(from: number, set: ByteSet, to: number): void {
    this.edges[from]!.push([set, to]);
  }

  literal(bytes: Uint8Array): void {
    for (const b of bytes) {
      const next = this.state();
      this.edge(this.cur, only(b), next);
      this.cur = next;
    }
  }

  /** Any number of bytes of `set`. */
  star(set: ByteSet): void {
    const s = this.state();
    this.eps[this.cur]!.push(s);
    this.edge(s, set, s);
    this.cur = s;
  }

  /** Any bytes in which `lit` does not occur (states: the length of the prefix of `lit` just read, as in KMP). */
  avoid(lit: Uint8Array): void {
    const m = lit.length;
    if (m === 0) return this.star(anyBut());
    const border = new Int32Array(m); // border[k]: the longest proper border of lit[0, k]
    for (let k = 1, b = 0; k < m; k++) {
      while (b > 0 && lit[k] !== lit[b]) b = border[b - 1]!;
      if (lit[k] === lit[b]) b++;
      border[k] = b;
    }
    const next = (k: number, x: number): number => {
      let j = k;
      while (j > 0 && lit[j] !== x) j = border[j - 1]!;
      return lit[j] === x ? j + 1 : 0;
    };
    const states = Array.from({ length: m }, () => this.state());
    const exit = this.state();
    this.eps[this.cur]!.push(states[0]!);
    for (let k = 0; k < m; k++) {
      this.eps[states[k]!]!.push(exit);
      const sets = new Map<number, ByteSet>();
      for (let x = 0; x < 256; x++) {
        const t = next(k, x);
        if (x === NEWLINE || t === m) continue;
        let set = sets.get(t);
        if (set === undefined) sets.set(t, (set = new Uint8Array(256)));
        set[x] = 1;
      }
      for (const [t, set] of sets) this.edge(states[k]!, set, states[t]!);
    }
    this.cur = exit;
  }

  /** A quote-aware field delimited by byte `b` (or -1): its plain, quoted and unterminated forms. */
  quoted(b: number): void {
    const a = this.cur;
    const exit = this.state();
    this.eps[a]!.push(exit);
    const plain = this.state();
    this.edge(a, anyBut(b, QUOTE), plain);
    this.edge(plain, anyBut(b), plain);
    this.eps[plain]!.push(exit);
    const inside = this.state();
    const escape = this.state();
    const after = this.state();
    this.edge(a, only(QUOTE), inside);
    this.edge(inside, anyBut(QUOTE, BACKSLASH), inside);
    this.edge(inside, only(BACKSLASH), escape);
    this.edge(escape, anyBut(), inside);
    this.edge(inside, only(QUOTE), after);
    this.edge(after, anyBut(b), after);
    this.eps[after]!.push(exit);
    const open = this.state();
    this.edge(a, only(QUOTE), open);
    this.edge(open, anyBut(b), open);
    this.eps[open]!.push(exit);
    this.cur = exit;
  }
}

/** What bounded field `i` must not contain as its matcher reads it: the literal after it, or the one before when it is last. */
function delimiter(p: FormatPlan, i: number, after: boolean): Uint8Array {
  const lit = after ? p.literals[i + 1]! : p.literals[i]!;
  if (lit.length === 0) return lit;
  if ((p.whole[i]! & (after ? WHOLE_AFTER : WHOLE_BEFORE)) !== 0) return lit;
  return lit.subarray(after ? 0 : lit.length - 1, after ? 1 : lit.length);
}

/** The automaton of the lines a plan's matcher can accept (or more). */
function automaton(p: FormatPlan): Nfa {
  const m = new Nfa();
  const L = p.literals;
  m.literal(L[0]!);
  for (let i = 0; i < p.n; i++) {
    const quoted = p.quoted[i] === 1;
    // Right of the one free field a bounded field is read from the right: it cannot hold the literal before it.
    const right = !p.several && p.free >= 0 && i > p.free;
    const d = delimiter(p, i, !right && L[i + 1]!.length > 0);
    if (p.frees[i] === 1) m.star(anyBut());
    else if (quoted && (right || d.length > 1)) m.star(anyBut());
    else if (quoted) m.quoted(d.length > 0 ? d[0]! : -1);
    else m.avoid(d);
    m.literal(L[i + 1]!);
  }
  m.accept = m.cur;
  return m;
}

/** A line both plans accept (as text), or null when none exists. */
export function commonLine(a: FormatPlan, b: FormatPlan): string | null {
  const A = automaton(a);
  const B = automaton(b);
  // Bytes that matter: those of the literals and the quoting bytes; any other byte acts alike.
  const used = new Uint8Array(256);
  for (const p of [a, b]) for (const lit of p.literals) for (const x of lit) used[x] = 1;
  used[QUOTE] = 1;
  used[BACKSLASH] = 1;
  const reps: number[] = [];
  for (let x = 0; x < 256; x++) if (used[x] === 1 && x !== NEWLINE) reps.push(x);
  const other = [...'xyzXYZ0123456789_'].map((ch) => ch.charCodeAt(0)).find((x) => used[x] === 0);
  if (other !== undefined) reps.push(other);

  const nb = B.edges.length;
  const seen = new Uint8Array(A.edges.length * nb);
  const parent = new Int32Array(A.edges.length * nb).fill(-1);
  const via = new Int16Array(A.edges.length * nb).fill(-1); // byte, or -1 for an epsilon move
  const queue: number[] = [0];
  seen[0] = 1;
  const visit = (from: number, to: number, byte: number) => {
    if (seen[to] === 1) return;
    seen[to] = 1;
    parent[to] = from;
    via[to] = byte;
    queue.push(to);
  };
  for (let qi = 0; qi < queue.length; qi++) {
    const pair = queue[qi]!;
    const sa = Math.floor(pair / nb);
    const sb = pair % nb;
    if (sa === A.accept && sb === B.accept) return witness(pair, parent, via);
    for (const ta of A.eps[sa]!) visit(pair, ta * nb + sb, -1);
    for (const tb of B.eps[sb]!) visit(pair, sa * nb + tb, -1);
    for (const x of reps) {
      for (const [setA, ta] of A.edges[sa]!) {
        if (setA[x] !== 1) continue;
        for (const [setB, tb] of B.edges[sb]!) if (setB[x] === 1) visit(pair, ta * nb + tb, x);
      }
    }
  }
  return null;
}

function witness(pair: number, parent: Int32Array, via: Int16Array): string {
  const bytes: number[] = [];
  for (let s = pair; s !== 0; s = parent[s]!) if (via[s]! >= 0) bytes.push(via[s]!);
  return Buffer.from(bytes.reverse()).toString('utf8');
}
