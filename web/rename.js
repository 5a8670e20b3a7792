// rename.js — renaming an id in the scenario editor renames every reference
// to it. SITES is the one table of where the scenario format
// (docs/scenario-format.md) refers to an actor, an issue, an option or a
// proposal by id; docs/web.md ("Renaming an id") prints it. Paths:
//   a.b       the value at key b of the map at key a
//   a[]       every item of the list at a
//   a{}       every key of the map at a (the keys are the references)
//   *         every value of a map (*{}: the keys of every value)
//   <I>       every key of a map, read as an issue id, then its value
//   a[I]      every item of the list at a whose `id` is the issue I
// and at the end of a path:
//   :0 / :1   the actor / issue part of an "ACTOR:issue" word
//   ~cond     a linkage condition: a word, a list of words, or a map of
//             at_least / at_most / above / below (words) and not (a condition)
//   ~opt      an option: a word, or the `id` of a map ({id: x, name: ...})
//   ~pos      a position: a word, or the `position` of a map
// An option site needs its issue: the <I> or [I] in its path.
// Pure functions on the editor's tree (yamlout.js); node tests import it.
import { get, scalar } from './yamlout.js';

export const SITES = {
  actor: [
    'actors[].id', 'stances{}',
    'simulation.mediator', 'simulation.favour{}', 'simulation.room[]', 'simulation.strategies{}',
    'simulation.tactics[].actor', 'simulation.tactics[].batna{}', 'simulation.tactics[].drift{}',
    'simulation.tactics[].audience_cost{}',
    'simulation.events[].batna{}', 'simulation.events[].drift{}', 'simulation.events[].join[]',
    'simulation.events[].leave[]', 'simulation.events[].drop_red_lines[]:0',
    'simulation.events[].government.actor',
    'blocs[].members[]', 'ratification[].actor', 'transfers[].from', 'transfers[].to',
    'red_lines[].actor', 'terms[].actor', 'smp.accommodation[].actor', 'smp.accommodation[].reference',
  ],
  issue: [
    'issues[].id', 'stances.*{}', 'proposals[].positions{}',
    'simulation.tactics[].harden[]', 'simulation.events[].drop_red_lines[]:1',
    'simulation.events[].government.stances{}',
    'ratification[].issues[]', 'ratification[].members[].stances{}', 'ratification[].population[].stances{}',
    'constraints[].if{}', 'constraints[].then{}', 'constraints[].forbid{}',
    'red_lines[].if{}', 'red_lines[].then{}', 'red_lines[].forbid{}', 'terms[].when{}',
  ],
  option: [
    'issues[I].options[]~opt', 'issues[I].status_quo',
    ...['stances.*', 'simulation.events[].government.stances', 'ratification[].members[].stances',
      'ratification[].population[].stances'].flatMap((s) => [
      `${s}.<I>.ideal`, `${s}.<I>.values{}`, `${s}.<I>.red_line[]`, `${s}.<I>.red_line.options[]`]),
    'proposals[].positions.<I>~pos',
    'constraints[].if.<I>~cond', 'constraints[].then.<I>~cond', 'constraints[].forbid.<I>~cond',
    'red_lines[].if.<I>~cond', 'red_lines[].then.<I>~cond', 'red_lines[].forbid.<I>~cond',
    'terms[].when.<I>~cond',
  ],
  proposal: ['proposals[].id', 'simulation.start', 'simulation.tactics[].proposal'],
};

// A reference: set(text) writes the new id there (a scalar keeps its
// quoting; a key is renamed in place).
function refsOf(root, path, want) {
  const out = [];
  const m = /^(.*?)(?::([01])|~(cond|opt|pos))?$/.exec(path);
  const segs = m[1].split('.');
  const part = m[2] === undefined ? null : Number(m[2]);
  const tail = m[3] || null;
  const scalarRef = (holder, k, bind) => {
    const n = holder.t === 'm' ? get(holder, k) : holder.i[k];
    if (!n || n.t !== 's') return;
    const set = (text) => {
      const v = scalar(text, n.q);
      if (holder.t === 'm') holder.i.find((it) => it[0] === k)[1] = v; else holder.i[k] = v;
    };
    if (part === null) out.push({ text: n.v, bind, set });
    else {
      const w = n.v.split(':');
      if (w.length === 2) out.push({ text: w[part], bind, set: (t) => { w[part] = t; set(w.join(':')); } });
    }
  };
  const end = (holder, k, bind) => {
    const n = holder.t === 'm' ? get(holder, k) : holder.i[k];
    if (!n) return;
    if (tail === 'opt' || tail === 'pos') {
      if (n.t === 's') scalarRef(holder, k, bind);
      else if (n.t === 'm') scalarRef(n, tail === 'opt' ? 'id' : 'position', bind);
    } else if (tail === 'cond') {
      const cond = (h, kk) => {
        const c = h.t === 'm' ? get(h, kk) : h.i[kk];
        if (!c) return;
        if (c.t === 's') scalarRef(h, kk, bind);
        else if (c.t === 'l') c.i.forEach((_, j) => cond(c, j));
        else for (const [x] of c.i) if (x === 'not') cond(c, x); else if (['at_least', 'at_most', 'above', 'below'].includes(x)) scalarRef(c, x, bind);
      };
      cond(holder, k);
    } else scalarRef(holder, k, bind);
  };
  const walk = (node, i, bind) => {
    if (!node || node.t === 's') return;
    const seg = segs[i], last = i === segs.length - 1;
    if (seg === '*{}') { // the keys of every map value
      if (node.t === 'm' && last) for (const [, v] of node.i) if (v.t === 'm') for (const it of v.i) out.push({ text: it[0], bind, set: (t) => { it[0] = t; } });
      return;
    }
    if (seg === '*' || seg === '<I>') {
      if (node.t !== 'm') return;
      for (const [k, v] of node.i) {
        const b = seg === '<I>' ? { ...bind, issue: k } : bind;
        if (last) end(node, k, b); else walk(v, i + 1, b);
      }
      return;
    }
    const sm = /^([^[{]+)(\[\]|\[I\]|\{\})?$/.exec(seg);
    const name = sm[1], kind = sm[2];
    if (node.t !== 'm') return;
    const child = get(node, name);
    if (!child) return;
    if (!kind) { if (last) end(node, name, bind); else walk(child, i + 1, bind); return; }
    if (kind === '{}') {
      if (child.t !== 'm' || !last) return;
      for (const it of child.i) {
        out.push({ text: it[0], bind, set: (t) => { it[0] = t; } });
      }
      return;
    }
    if (child.t !== 'l') return;
    child.i.forEach((item, j) => {
      let b = bind;
      if (kind === '[I]') {
        const id = get(item, 'id');
        if (!id || id.t !== 's') return;
        b = { ...bind, issue: id.v };
      }
      if (last) end(child, j, b); else walk(item, i + 1, b);
    });
  };
  walk(root, 0, {});
  return out.filter((r) => r.text === want.id && (!want.issue || r.bind.issue === want.issue));
}

// Every reference to an id: what = {kind, id} (an option: {kind: 'option',
// issue, id}). Returns [{site, set}].
export function references(root, what) {
  return SITES[what.kind].flatMap((site) => refsOf(root, site, what).map((r) => ({ site, set: r.set })));
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

// The ids of a kind in the tree (an option's: within its issue).
export function idsOf(root, kind, issue) {
  const list = (name) => { const l = get(root, name); return l && l.t === 'l' ? l.i : []; };
  const idv = (n) => (n.t === 's' ? n.v : (get(n, 'id') || {}).v);
  if (kind === 'actor') return list('actors').map(idv);
  if (kind === 'issue') return list('issues').map(idv);
  if (kind === 'proposal') return list('proposals').map(idv);
  const is = list('issues').find((n) => idv(n) === issue);
  const opts = is && get(is, 'options');
  return opts && opts.t === 'l' ? opts.i.map(idv) : [];
}

// Renames what.id to to everywhere; returns the number of references
// changed, or throws an Error whose message the editor shows at the field
// (an id not allowed, one already taken).
export function rename(root, what, to) {
  const noun = what.kind === 'option' ? `an option of '${what.issue}'` : `a${what.kind === 'actor' || what.kind === 'issue' ? 'n' : ''} ${what.kind}`;
  if (!ID.test(to)) throw new Error(`'${to}' is not an id: 1-64 characters from A-Z a-z 0-9 _ - ., starting with a letter or digit`);
  if (to === what.id) return 0;
  if (idsOf(root, what.kind, what.issue).includes(to)) throw new Error(`'${to}' is already ${noun}: pick another id`);
  const refs = references(root, what);
  refs.forEach((r) => r.set(to));
  return refs.length;
}
