// yamledit.js — the scenario editor's minimal-edit writer: the edited tree
// written back as the ORIGINAL text with only the changed bytes changed, so
// comments, key order, blank lines and untouched formatting survive. The
// tree of POST /api/tree carries each node's byte range in the text ("r":
// [off, end), a map item's key range as its third element); tag() numbers
// every node of the tree as read ("o") and keeps a copy. write() compares the
// edited tree with that copy and splices:
//   - a changed scalar (or a value replaced) replaces only its byte range;
//     a value that was written in flow style ([...], {...}) and changed is
//     rewritten in flow style, a block one re-emitted in block style at its
//     column;
//   - a renamed key replaces only the key's bytes;
//   - a removed list item or map key removes its whole lines (from its line's
//     start to the end of the line where it ends, any comment there included);
//   - an added list item is inserted after the last item of its list, in the
//     list's indentation (its dash column and its content column); an added
//     key after the map's last key, at the map's key column.
// Where none of these applies (a value written on the dash's line of a
// nested list, an edited alias, overlapping edits, a first key removed from
// a "- key:" line, an empty value with no position) it returns {fallback:
// reason} and the editor writes the whole tree (yamlout.js) and says so.
// Byte offsets are UTF-8 bytes of the text. Pure functions: node tests
// import this file.
import { blockLines, flow, key, scalarText } from './yamlout.js';

const enc = new TextEncoder(), dec = new TextDecoder();

// Numbers every node of root (the tree as read) and returns the state the
// writer needs: the text's bytes, a deep copy of the tree, its nodes by
// number, and the numbers of nodes sharing a range (an alias and its anchor).
export function tag(root, text) {
  let n = 0;
  const seen = new Map();
  const walk = (v) => {
    v.o = ++n;
    if (v.r) { const k = `${v.r[0]}:${v.r[1]}`; seen.set(k, (seen.get(k) || 0) + 1); }
    if (v.t === 'm') v.i.forEach((it) => walk(it[1]));
    else if (v.t === 'l') v.i.forEach(walk);
  };
  walk(root);
  const orig = JSON.parse(JSON.stringify(root));
  const byO = new Map();
  const index = (v) => {
    byO.set(v.o, v);
    if (v.r && seen.get(`${v.r[0]}:${v.r[1]}`) > 1) v.alias = true;
    if (v.t === 'm') v.i.forEach((it) => index(it[1]));
    else if (v.t === 'l') v.i.forEach(index);
  };
  index(orig);
  return { bytes: enc.encode(text), orig, byO };
}

class Fallback extends Error {}
const no = (why) => { throw new Fallback(why); };

// The tree's content without the writer's bookkeeping (for comparisons).
const bare = (v) => (v.t === 's' ? { t: 's', v: v.v, q: !!v.q }
  : v.t === 'l' ? { t: 'l', i: v.i.map(bare) } : { t: 'm', i: v.i.map(([k, x]) => [k, bare(x)]) });
const same = (a, b) => JSON.stringify(bare(a)) === JSON.stringify(bare(b));

// Whether cur keeps org's items (the same number, each the original node or
// a replacement at its place): then a flow collection is edited inside, by
// byte ranges, not rewritten.
function sameShape(cur, org) {
  if (cur.t !== org.t || cur.t === 's' || cur.i.length !== org.i.length) return false;
  return cur.i.every((it, k) => {
    const [c, o] = cur.t === 'm' ? [it[1], org.i[k][1]] : [it, org.i[k]];
    if (c.o) return c.o === o.o;
    return cur.t === 'l' || it[0] === org.i[k][0];
  });
}

// A value the user typed (parsed anew) as it replaces old: the parts equal
// to old's are old's own nodes, and a collection of old's shape keeps old's
// identity, so that only what changed is written.
export function adopt(old, neu) {
  if (!old || !neu) return neu;
  if (same(old, neu)) return old;
  if (old.t !== neu.t || old.t === 's' || old.i.length !== neu.i.length) return neu;
  if (old.t === 'm' && old.i.some(([k], j) => k !== neu.i[j][0])) return neu;
  const i = old.t === 'm' ? neu.i.map(([k, v], j) => [k, adopt(old.i[j][1], v)]) : neu.i.map((v, j) => adopt(old.i[j], v));
  return { t: old.t, o: old.o, i };
}

// Writes root (the edited tree) as the original text with minimal edits.
// Returns { text, lines } — lines: a Map node -> [first, last] line of the
// new text for every node of root whose place is known — or { fallback }.
export function write(root, st) {
  const b = st.bytes;
  const edits = []; // { at, end, text, marks: Map node -> [first, last] relative lines, node }
  const lineStart = (p) => { while (p > 0 && b[p - 1] !== 10) p--; return p; };
  const lineEnd = (p) => { while (p < b.length && b[p] !== 10) p++; return p < b.length ? p + 1 : p; };
  const str = (a, z) => dec.decode(b.subarray(a, z));
  const isFlow = (v) => v.r && (b[v.r[0]] === 0x5b || b[v.r[0]] === 0x7b);
  const col = (p) => p - lineStart(p); // bytes; the indentation is ASCII spaces
  // after the node ending at p: only blanks and a comment to the line's end
  const restOfLine = (p) => { const z = lineEnd(p); const r = str(p, z); if (!/^[ \t]*(#.*)?\r?\n?$/.test(r)) no('text after a value on its line'); return z; };

  // the text of v replacing the original node at range r
  const replacement = (org, v) => {
    if (v.t === 's') return { text: scalarText(v), marks: new Map([[v, [1, 1]]]) };
    if (isFlow(org) || org.t === 's' || v.i.length === 0) return { text: flow(v), marks: new Map([[v, [1, 1]]]) };
    const c = col(org.r[0]);
    const marks = new Map();
    const lines = blockLines(v, c, marks);
    lines[0] = lines[0].slice(c);
    return { text: lines.join('\n'), marks };
  };
  const replace = (org, v) => {
    if (!org.r) no('a value with no place in the text (empty) changed');
    if (org.alias) no('an alias or its anchor changed');
    const { text, marks } = replacement(org, v);
    edits.push({ at: org.r[0], end: org.r[1], text, marks });
  };
  const remove = (from, to, dashOk) => {
    const ls = lineStart(from);
    const pre = str(ls, from);
    if (!(dashOk ? /^[ \t]*(- +)*$/ : /^[ \t]*$/).test(pre)) no('a removed key shares its line with a list dash');
    edits.push({ at: ls, end: restOfLine(to), text: '', marks: new Map() });
  };
  // lines of block text inserted after the line where `after` ends
  const insert = (after, lines, marks) => {
    let at = lineEnd(after);
    let text = `${lines.join('\n')}\n`;
    if (at === b.length && b.length && b[b.length - 1] !== 10) text = `\n${text}`;
    const shift = text.startsWith('\n') ? 1 : 0;
    if (shift) for (const [k, [f, l]] of marks) marks.set(k, [f + 1, l + 1]);
    edits.push({ at, end: at, text, marks });
  };

  const diff = (cur, org) => {
    if (org.alias) { if (!same(cur, org)) no('an alias or its anchor changed'); return; }
    if (cur.t !== org.t) { replace(org, cur); return; }
    if (cur.t === 's') { if (cur.v !== org.v || !!cur.q !== !!org.q) replace(org, cur); return; }
    if (isFlow(org)) {
      if (same(cur, org)) return;
      if (!sameShape(cur, org)) { replace(org, cur); return; }
    }
    if (cur.t === 'm') diffMap(cur, org); else diffList(cur, org);
  };

  const diffMap = (cur, org) => {
    const curByO = new Map(cur.i.filter(([, v]) => v.o).map((it) => [it[1].o, it]));
    const orgKeys = new Set(org.i.map(([k]) => k));
    const replaced = new Set();
    for (const [k, v, kr] of org.i) {
      const it = curByO.get(v.o);
      if (it) {
        if (it[0] !== k) { if (!kr) no('a key with no place'); edits.push({ at: kr[0], end: kr[1], text: key(it[0]), marks: new Map() }); }
        diff(it[1], v);
        continue;
      }
      const now = cur.i.find(([x, y]) => x === k && !y.o);
      if (now) { replaced.add(now); replace(v, now[1]); continue; }
      if (!kr || !v.r) no('a removed key with no place');
      remove(kr[0], v.r[1], false);
    }
    const added = cur.i.filter((it) => !it[1].o && !replaced.has(it));
    if (!added.length) return;
    const first = org.i[0];
    if (!first || !first[2]) no('a key added to an empty map');
    const c = col(first[2][0]);
    const lines = [], marks = new Map();
    for (const [k, v] of added) {
      if (orgKeys.has(k) && cur.i.some(([x, y]) => x === k && y.o)) no('a key added twice');
      const rel = new Map();
      const body = v.t === 's' || (v.t !== 's' && v.i.length === 0)
        ? [`${' '.repeat(c)}${key(k)}: ${v.t === 's' ? scalarText(v) : flow(v)}`.trimEnd()]
        : [`${' '.repeat(c)}${key(k)}:`, ...blockLines(v, c + 2, rel)];
      if (body.length === 1) rel.set(v, [1, 1]);
      else for (const [x, [f, l]] of rel) rel.set(x, [f + 1, l + 1]);
      if (!rel.has(v)) rel.set(v, [1, body.length]);
      for (const [x, [f, l]] of rel) marks.set(x, [f + lines.length, l + lines.length]);
      lines.push(...body);
    }
    insert(org.r[1], lines, marks);
  };

  const diffList = (cur, org) => {
    if (sameShape(cur, org)) { // each item the original or a replacement at its place
      cur.i.forEach((v, k) => { if (v.o) diff(v, org.i[k]); else replace(org.i[k], v); });
      return;
    }
    const curO = new Map(cur.i.filter((v) => v.o).map((v) => [v.o, v]));
    for (const v of org.i) {
      const now = curO.get(v.o);
      if (now) diff(now, v);
      else { if (!v.r) no('a removed item with no place'); remove(v.r[0], v.r[1], true); }
    }
    const added = cur.i.filter((v) => !v.o);
    if (!added.length) return;
    const lastOld = cur.i.reduce((k, v, i) => (v.o ? i : k), -1);
    if (cur.i.slice(0, lastOld + 1).some((v) => !v.o)) no('an item inserted between items');
    const first = org.i[0];
    if (!first || !first.r) no('an item added to an empty list');
    const ls = lineStart(first.r[0]);
    const m = /^( *)-( +)$/.exec(str(ls, first.r[0]));
    if (!m) no("the list's first item is not on its dash's line");
    const dash = m[1].length, c = col(first.r[0]);
    const lines = [], marks = new Map();
    for (const v of added) {
      const rel = new Map();
      let body;
      if (v.t === 'm' && v.i.length) {
        body = blockLines(v, c, rel);
        body[0] = `${' '.repeat(dash)}-${' '.repeat(c - dash - 1)}${body[0].slice(c)}`;
      } else body = [`${' '.repeat(dash)}- ${v.t === 's' ? scalarText(v) : flow(v)}`];
      rel.set(v, [1, body.length]);
      for (const [x, [f, l]] of rel) marks.set(x, [f + lines.length, l + lines.length]);
      lines.push(...body);
    }
    insert(org.r[1], lines, marks);
  };

  try {
    if (!root.o || !st.byO.has(root.o)) no('a new document');
    const top = st.byO.get(root.o);
    if (isFlow(top) && !same(root, top)) no('the file is written in flow style (JSON)');
    diff(root, top);
    edits.sort((x, y) => x.at - y.at || x.end - y.end);
    for (let k = 1; k < edits.length; k++) if (edits[k].at < edits[k - 1].end) no('edits overlap');
  } catch (e) {
    if (e instanceof Fallback) return { fallback: e.message };
    throw e;
  }
  // splice, and each node's new byte offset -> its lines
  const parts = [], starts = [];
  let p = 0, len = 0;
  for (const e of edits) {
    parts.push(b.subarray(p, e.at));
    len += e.at - p;
    const t = enc.encode(e.text);
    starts.push(len);
    parts.push(t);
    len += t.length;
    p = e.end;
  }
  parts.push(b.subarray(p));
  const out = new Uint8Array(len + b.length - p);
  let q = 0;
  for (const x of parts) { out.set(x, q); q += x.length; }
  const nl = [0];
  for (let i = 0; i < out.length; i++) if (out[i] === 10) nl.push(i + 1);
  const lineOf = (off) => { let lo = 0, hi = nl.length - 1; while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (nl[mid] <= off) lo = mid; else hi = mid - 1; } return lo + 1; };
  // an original offset in the new text: shifted by the edits before it
  const moved = (off) => { let d = 0; for (const e of edits) { if (e.end <= off && !(e.at === e.end && e.at === off)) d += enc.encode(e.text).length - (e.end - e.at); } return off + d; };
  const lines = new Map();
  const walk = (v) => {
    if (v.o && st.byO.get(v.o) && st.byO.get(v.o).r) {
      const r = st.byO.get(v.o).r;
      lines.set(v, [lineOf(moved(r[0])), lineOf(Math.max(moved(r[0]), moved(r[1]) - 1))]);
    }
    if (v.t === 'm') v.i.forEach((it) => walk(it[1])); else if (v.t === 'l') v.i.forEach(walk);
  };
  walk(root);
  edits.forEach((e, k) => {
    const base = lineOf(starts[k]);
    for (const [x, [f, l]] of e.marks) lines.set(x, [base + f - 1, base + l - 1]);
  });
  return { text: dec.decode(out), lines, edits: edits.length };
}
