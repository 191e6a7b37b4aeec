// Which of a fixed set of keywords occur in a text, in one pass over the text.
//
// Used by the secret scanner's keyword prefilter and the rule engine's `requiresText` prefilter. The
// secret scanner asked `lower.includes(k)` for each of its ~110 provider keywords: ~110 scans of
// every file, most of its time on a large code base. This is an Aho-Corasick automaton compiled to a dense transition table over ASCII (a keyword holding
// another character is looked up with `includes` instead), so the answer costs one table lookup per
// character. Same answer as `text.includes(k)` for every keyword k.

const ALPHABET = 128;

export class KeywordMatcher {
  /** delta[state * ALPHABET + char]: the next state (failure transitions already folded in). */
  private readonly delta: Int32Array;
  /** For each state, the keyword indexes that end there (including through failure links). */
  private readonly outputs: number[][];
  /** Keywords the automaton does not handle (empty, or with a non-ASCII character). */
  private readonly others: number[] = [];

  constructor(readonly words: readonly string[]) {
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    words.forEach((w, i) => {
      if (!w.length || [...w].some((ch) => ch.charCodeAt(0) >= ALPHABET)) {
        this.others.push(i);
        return;
      }
      let s = 0;
      for (let j = 0; j < w.length; j++) {
        const c = w.charCodeAt(j);
        let n = goto[s].get(c);
        if (n === undefined) {
          n = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s].set(c, n);
        }
        s = n;
      }
      out[s].push(i);
    });
    const states = goto.length;
    const delta = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    // Breadth-first: a state's failure state is shallower, so its row is complete when needed.
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const n = goto[0].get(c);
      delta[c] = n ?? 0;
      if (n !== undefined) queue.push(n);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      const f = fail[s];
      if (out[f].length) out[s] = out[s].concat(out[f]);
      for (let c = 0; c < ALPHABET; c++) {
        const n = goto[s].get(c);
        if (n === undefined) {
          delta[s * ALPHABET + c] = delta[f * ALPHABET + c];
        } else {
          delta[s * ALPHABET + c] = n;
          fail[n] = delta[f * ALPHABET + c];
          queue.push(n);
        }
      }
    }
    this.delta = delta;
    this.outputs = out;
  }

  /** present[i] is true when words[i] occurs in `text`. */
  find(text: string): boolean[] {
    const present = new Array<boolean>(this.words.length).fill(false);
    const { delta, outputs } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      s = c < ALPHABET ? delta[s * ALPHABET + c] : 0;
      const o = outputs[s];
      if (o.length) for (const k of o) present[k] = true;
    }
    for (const k of this.others) present[k] = text.includes(this.words[k]);
    return present;
  }
}
