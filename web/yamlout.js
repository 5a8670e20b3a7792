// yamlout.js — the scenario editor's tree (GET from POST /api/tree: maps
// {t:'m', i:[[key, node]...]}, lists {t:'l', i:[node...]}, scalars {t:'s',
// v:'text', q:quoted}) written back as block YAML, each scalar as it was
// read: a plain scalar as its text, a quoted one double-quoted (JSON's
// escapes are YAML's). Pure functions: node tests import this file too.

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;
export const key = (k) => (PLAIN_KEY.test(k) ? k : JSON.stringify(k));

export function scalarText(n) {
  return n.q ? JSON.stringify(n.v) : n.v;
}

// A node on one line, as flow YAML: {a: 1, b: [x, y]}.
export function flow(n) {
  if (n.t === 's') return scalarText(n);
  if (n.t === 'l') return `[${n.i.map(flow).join(', ')}]`;
  return `{${n.i.map(([k, v]) => `${key(k)}: ${flow(v)}`).join(', ')}}`;
}

const empty = (n) => n.t !== 's' && n.i.length === 0;

// The lines of n as block YAML indented by ind; lines (a Map, optional)
// gets each node's [first, last] line (1-based) in them.
export function blockLines(n, ind, lines) {
  const out = [];
  const mark = (v, first) => { if (lines) lines.set(v, [first, out.length]); };
  const block = (n, ind) => {
    const pad = ' '.repeat(ind);
    if (n.t === 'm') {
      for (const [k, v] of n.i) {
        const first = out.length + 1;
        if (v.t === 's' || empty(v)) out.push(`${pad}${key(k)}: ${v.t === 's' ? scalarText(v) : flow(v)}`.trimEnd());
        else { out.push(`${pad}${key(k)}:`); block(v, ind + 2); }
        mark(v, first);
      }
    } else {
      for (const v of n.i) {
        const first = out.length + 1;
        if (v.t === 's' || empty(v)) out.push(`${pad}- ${v.t === 's' ? scalarText(v) : flow(v)}`.trimEnd());
        else if (v.t === 'm') {
          const at = out.length;
          block(v, ind + 2);
          out[at] = `${pad}- ${out[at].slice(ind + 2)}`;
        } else { out.push(`${pad}-`); block(v, ind + 2); }
        mark(v, first);
      }
    }
  };
  if (n.t === 's') out.push(' '.repeat(ind) + scalarText(n));
  else if (empty(n)) out.push(' '.repeat(ind) + flow(n));
  else block(n, ind);
  mark(n, 1);
  return out;
}

// Block YAML of root; lines (a Map, optional) gets each node's [first,
// last] line (1-based) in the text written.
export function toYaml(root, lines) {
  return `${blockLines(root, 0, lines).join('\n')}\n`;
}

// Helpers on the tree: a map's value by key, set (or add) a key, a list's
// record by id.
export const get = (m, k) => (m && m.t === 'm' ? (m.i.find(([x]) => x === k) || [])[1] : undefined);
export function put(m, k, v) {
  const at = m.i.findIndex(([x]) => x === k);
  if (at >= 0) m.i[at][1] = v; else m.i.push([k, v]);
}
export function drop(m, k) {
  const at = m.i.findIndex(([x]) => x === k);
  if (at >= 0) m.i.splice(at, 1);
}
export const scalar = (v, q = false) => ({ t: 's', v: String(v), q });
export const idOf = (rec) => { const n = get(rec, 'id'); return n && n.t === 's' ? n.v : ''; };
