// editor.js — the scenario editor: the scenario's tree from POST /api/tree
// (every section, known or not), tables of its actors, issues, stances and
// proposals whose fields edit that tree in place, the tree written back as
// YAML (yamlout.js) and checked by the server's loader (POST /api/model)
// after every change, its located message shown at the field whose line it
// names; undo; "Use in the page" runs the analyses on it; download as YAML.
// A number written as a distribution ({value: 0.45, dist: uniform, ...}),
// a values list or a red line is edited as flow YAML, read by the server's
// own parser (POST /api/tree of "x: TEXT").
// The YAML is the opened text with minimal edits (yamledit.js: comments,
// order and formatting kept) or, where that is impossible, the whole tree
// written anew (the status line says so). An id field renames every
// reference to the id (rename.js).
import { state, openText } from './app.js';
import { toYaml, flow, get, put, drop, scalar, idOf } from './yamlout.js';
import { tag, write, adopt } from './yamledit.js';
import { rename, idsOf } from './rename.js';

const $ = (sel) => document.querySelector(sel);
const ed = { root: null, undo: [], fields: [], lines: null, yaml: '', checked: null, seq: 0 };
window.parley.editor = ed; // for the browser test

function el(tag, text = '', attrs = {}) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== '') e.textContent = text;
  return e;
}

// Messages name the edited text ("edited NAME:LINE:COL"): its lines are the
// YAML the editor writes (what Download saves), not the opened file's.
async function post(kind, text) {
  const name = `edited ${(state.name || 'scenario').split('/').pop()}`;
  const r = await fetch(`api/${kind}?name=${encodeURIComponent(name)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text });
  const body = await r.json();
  return { ok: r.ok, body };
}

function say(msg, error = false) {
  $('#editor-status').textContent = msg;
  $('#editor-status').classList.toggle('error', error);
}

// ---- changes: each is undoable and re-checked

function remember() { ed.undo.push(JSON.stringify(ed.root)); $('#editor-undo').disabled = false; }

async function changed() {
  render();
  await check();
}

// The tree as YAML, checked by the loader; a located message goes to the field.
async function check() {
  const seq = ++ed.seq;
  const w = ed.st ? write(ed.root, ed.st) : { fallback: 'no text to edit' };
  if (w.fallback) {
    ed.lines = new Map();
    ed.yaml = toYaml(ed.root, ed.lines);
    ed.mode = `written whole (${w.fallback}): the file's comments and layout are not kept`;
  } else {
    ed.lines = w.lines;
    ed.yaml = w.text;
    ed.mode = w.edits ? `the file with ${w.edits} edit${w.edits === 1 ? '' : 's'}: comments and layout kept` : 'the file as it is';
  }
  $('#editor-mode').textContent = ed.mode;
  $('#editor-mode').classList.toggle('error', !!w.fallback);
  for (const f of ed.fields) { f.input.classList.remove('error'); f.input.title = ''; }
  document.querySelectorAll('#editor .field-error').forEach((e) => e.remove());
  const { ok, body } = await post('model', ed.yaml);
  if (seq !== ed.seq) return;
  ed.checked = ok ? 'ok' : body.error.message;
  const note = ed.note ? ` · ${ed.note}` : '';
  ed.note = '';
  if (ok) { say(`checked: loads (${body.result.actors.length} actors, ${body.result.issues.length} issues, ${body.result.proposals.length} proposals)${note}`); return; }
  const m = /:(\d+):(\d+): /.exec(body.error.message);
  const line = m ? Number(m[1]) : 0;
  // the field whose node spans the line most tightly
  let best = null;
  for (const f of ed.fields) {
    const span = ed.lines.get(f.node());
    if (span && span[0] <= line && line <= span[1] && (!best || span[1] - span[0] < best.span)) best = { f, span: span[1] - span[0] };
  }
  say(body.error.message, true);
  if (best) {
    fieldError(best.f.input, body.error.message.replace(/^.*?:\d+:\d+: /, ''), body.error.message);
    ed.errorField = best.f.label;
  } else ed.errorField = null;
}

function fieldError(input, msg, title = msg) {
  input.classList.add('error');
  input.title = title;
  input.after(el('span', msg, { class: 'field-error', id: 'editor-message' }));
}

// ---- fields

// A field editing node = holder[key] (holder a map): a scalar as its text,
// anything else as flow YAML. label names it for messages and tests.
// rename: {kind} for an id field: a new id renames every reference to it
// (rename.js); an id taken or not allowed is refused at the field.
function field(holder, key, label, { quote = false, size = 8, rename: ren = null } = {}) {
  const input = el('input', '', { type: 'text', size: String(size), 'data-field': label });
  const node = () => get(holder, key);
  const n = node();
  input.value = !n ? '' : n.t === 's' ? n.v : flow(n);
  if (n && n.t !== 's') input.size = Math.min(60, Math.max(size, input.value.length));
  input.addEventListener('change', async () => {
    const text = input.value.trim();
    remember();
    if (ren) {
      const old = get(holder, key).v;
      try {
        const n = rename(ed.root, { ...ren, id: old }, text);
        ed.renamed = { from: old, to: text, references: n };
        ed.note = `renamed ${ren.kind} '${old}' to '${text}': ${n} reference${n === 1 ? '' : 's'}`;
      } catch (e) {
        ed.undo.pop();
        document.querySelectorAll('#editor .field-error').forEach((x) => x.remove());
        fieldError(input, e.message);
        say(`${label}: ${e.message}`, true);
        ed.refused = e.message;
        return;
      }
      await changed();
      return;
    }
    if (text === '') drop(holder, key);
    else if (/^[[{]/.test(text)) {
      const { ok, body } = await post('tree', `x: ${text}\n`);
      if (!ok) { ed.undo.pop(); say(`${label}: ${body.error.message.replace(/^.*?:1:(\d+): /, 'column $1: ')}`, true); input.classList.add('error'); return; }
      put(holder, key, adopt(get(holder, key), get(body.result, 'x')));
    } else put(holder, key, scalar(text, quote));
    await changed();
  });
  ed.fields.push({ input, node, label });
  return input;
}

const td = (...c) => { const e = el('td'); e.append(...c); return e; };
const th = (t) => el('th', t);
function button(text, onClick) {
  const b = el('button', text, { type: 'button', class: 'use' });
  b.addEventListener('click', async () => { remember(); onClick(); await changed(); });
  return b;
}

function list(name) {
  let l = get(ed.root, name);
  if (!l) { l = { t: 'l', i: [] }; put(ed.root, name, l); }
  return l;
}

function freshId(l, base) {
  const ids = new Set(l.i.map(idOf));
  let k = 1;
  while (ids.has(`${base}${k}`)) k++;
  return `${base}${k}`;
}

function actorsTable() {
  const t = el('table', '', { class: 'data editor' });
  const h = el('tr');
  ['id', 'name', 'capability', 'BATNA', ''].forEach((x) => h.append(th(x)));
  t.append(h);
  const l = list('actors');
  for (const a of l.i) {
    const id = idOf(a);
    const tr = el('tr');
    t.append(tr);
    tr.append(td(field(a, 'id', `actors.${id}.id`, { size: 6, rename: { kind: 'actor' } })), td(field(a, 'name', `actors.${id}.name`, { quote: true, size: 18 })),
      td(field(a, 'capability', `actors.${id}.capability`)), td(field(a, 'batna', `actors.${id}.batna`)),
      td(button('remove', () => { l.i.splice(l.i.indexOf(a), 1); })));
  }
  const add = button('add an actor', () => {
    const id = freshId(l, 'A');
    l.i.push({ t: 'm', i: [['id', scalar(id)], ['name', scalar(`Actor ${id}`, true)], ['capability', scalar(1)], ['batna', scalar(0.5)]] });
  });
  return [t, add];
}

function issuesTable() {
  const t = el('table', '', { class: 'data editor' });
  const h = el('tr');
  ['id', 'name', 'options', 'scale', ''].forEach((x) => h.append(th(x)));
  t.append(h);
  const l = list('issues');
  for (const is of l.i) {
    const id = idOf(is);
    const tr = el('tr');
    const scale = get(is, 'scale');
    tr.append(td(field(is, 'id', `issues.${id}.id`, { size: 10, rename: { kind: 'issue' } })), td(field(is, 'name', `issues.${id}.name`, { quote: true, size: 18 })),
      td(get(is, 'options') ? field(is, 'options', `issues.${id}.options`, { size: 24 }) : ''),
      td(scale && scale.t === 'm' ? el('span') : '', scale ? field(is, 'scale', `issues.${id}.scale`, { size: 24 }) : ''),
      td(button('remove', () => { l.i.splice(l.i.indexOf(is), 1); })));
    t.append(tr);
  }
  const addD = button('add an issue with options', () => {
    l.i.push({ t: 'm', i: [['id', scalar(freshId(l, 'issue'))], ['options', { t: 'l', i: [scalar('a'), scalar('b')] }]] });
  });
  const addC = button('add an issue on a scale', () => {
    l.i.push({ t: 'm', i: [['id', scalar(freshId(l, 'issue'))], ['scale', { t: 'm', i: [['lo', scalar(0)], ['hi', scalar(100)]] }]] });
  });
  // renaming an option: every ideal, value, red line, position, status quo
  // and linkage condition that names it follows
  const sel = el('select', '', { id: 'editor-option' });
  for (const is of l.i) for (const o of idsOf(ed.root, 'option', idOf(is))) sel.append(el('option', `${idOf(is)}: ${o}`, { value: JSON.stringify([idOf(is), o]) }));
  const to = el('input', '', { type: 'text', size: '14', id: 'editor-option-to', 'data-field': 'option rename' });
  const go = el('button', 'rename the option', { type: 'button', class: 'use', id: 'editor-option-rename' });
  go.addEventListener('click', async () => {
    if (!sel.value) return;
    const [issue, id] = JSON.parse(sel.value);
    remember();
    try {
      const n = rename(ed.root, { kind: 'option', issue, id }, to.value.trim());
      ed.renamed = { from: id, to: to.value.trim(), references: n };
      ed.note = `renamed option '${id}' of '${issue}' to '${to.value.trim()}': ${n} references`;
    } catch (e) {
      ed.undo.pop();
      document.querySelectorAll('#editor .field-error').forEach((x) => x.remove());
      fieldError(to, e.message);
      say(`option rename: ${e.message}`, true);
      ed.refused = e.message;
      return;
    }
    await changed();
  });
  const row = el('div', '', { class: 'whatif' });
  row.append(el('span', 'rename an option: '), sel, el('span', ' to '), to, go);
  return [t, addD, addC, row];
}

function stancesTable() {
  const t = el('table', '', { class: 'data editor' });
  const h = el('tr');
  ['actor', 'issue', 'salience', 'ideal', 'values', 'red line', ''].forEach((x) => h.append(th(x)));
  t.append(h);
  let st = get(ed.root, 'stances');
  if (!st) { st = { t: 'm', i: [] }; put(ed.root, 'stances', st); }
  for (const [actor, per] of st.i) {
    if (per.t !== 'm') continue;
    for (const [issue, s] of per.i) {
      if (s.t !== 'm') continue;
      const p = `stances.${actor}.${issue}`;
      const tr = el('tr');
      t.append(tr);
      tr.append(td(actor), td(issue), td(field(s, 'salience', `${p}.salience`, { size: 5 })),
        td(field(s, 'ideal', `${p}.ideal`, { size: 8 })), td(field(s, 'values', `${p}.values`, { size: 14 })),
        td(field(s, 'red_line', `${p}.red_line`, { size: 14 })),
        td(button('remove', () => { per.i.splice(per.i.findIndex(([k]) => k === issue), 1); })));
    }
  }
  // a new stance: an actor and an issue without one
  const actors = list('actors').i.map(idOf), issues = list('issues').i.map(idOf);
  const selA = el('select'), selI = el('select');
  actors.forEach((a) => selA.append(el('option', a, { value: a })));
  issues.forEach((i) => selI.append(el('option', i, { value: i })));
  const add = button('add a stance', () => {
    let per = get(st, selA.value);
    if (!per) { per = { t: 'm', i: [] }; put(st, selA.value, per); }
    if (!get(per, selI.value)) put(per, selI.value, { t: 'm', i: [['salience', scalar(0.5)], ['ideal', scalar(issueDefault(selI.value))]] });
  });
  const row = el('div', '', { class: 'whatif' });
  row.append(selA, selI, add);
  return [t, row];
}

function issueDefault(id) {
  const is = list('issues').i.find((x) => idOf(x) === id);
  const opts = is && get(is, 'options');
  if (opts && opts.i.length) { const o = opts.i[0]; return o.t === 's' ? o.v : idOf(o); }
  const scale = is && get(is, 'scale');
  const lo = scale && get(scale, 'lo');
  return lo ? lo.v : 0;
}

function proposalsTable() {
  const t = el('table', '', { class: 'data editor' });
  const issues = list('issues').i.map(idOf);
  const h = el('tr');
  ['id', 'name', ...issues, ''].forEach((x) => h.append(th(x)));
  t.append(h);
  const l = list('proposals');
  for (const p of l.i) {
    const id = idOf(p);
    let pos = get(p, 'positions');
    if (!pos || pos.t !== 'm') continue;
    const tr = el('tr');
    tr.append(td(field(p, 'id', `proposals.${id}.id`, { size: 10, rename: { kind: 'proposal' } })), td(field(p, 'name', `proposals.${id}.name`, { quote: true, size: 16 })));
    for (const i of issues) tr.append(td(field(pos, i, `proposals.${id}.positions.${i}`, { size: 7 })));
    tr.append(td(button('remove', () => { l.i.splice(l.i.indexOf(p), 1); })));
    t.append(tr);
  }
  const add = button('add a proposal', () => {
    l.i.push({ t: 'm', i: [['id', scalar(freshId(l, 'p'))], ['positions', { t: 'm', i: issues.map((i) => [i, scalar(issueDefault(i))]) }]] });
  });
  return [t, add];
}

function render() {
  ed.fields = [];
  const box = $('#editor-tables');
  box.replaceChildren();
  for (const [title, make] of [['Actors', actorsTable], ['Issues', issuesTable], ['Stances', stancesTable], ['Proposals', proposalsTable]]) {
    box.append(el('h3', title), ...make());
  }
  const known = new Set(['parley', 'scenario', 'actors', 'issues', 'stances', 'proposals']);
  const others = ed.root.i.map(([k]) => k).filter((k) => !known.has(k));
  box.append(el('p', others.length ? `Kept as they are: ${others.join(', ')}.` : '', { class: 'note' }));
  $('#editor-undo').disabled = ed.undo.length === 0;
}

// ---- opening, undo, use, download

export async function loadEditor() {
  if (!state.text) return;
  const { ok, body } = await post('tree', state.text);
  if (!ok) { say(body.error.message, true); return; }
  if (body.result.t !== 'm') { say('the scenario is not a mapping', true); return; }
  ed.root = body.result;
  ed.st = tag(ed.root, state.text);
  ed.undo = [];
  render();
  await check();
  ed.loaded = (ed.loaded || 0) + 1;
}

$('#editor-undo').addEventListener('click', async () => {
  if (!ed.undo.length) return;
  ed.root = JSON.parse(ed.undo.pop());
  await changed();
});
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'z' && document.activeElement && document.activeElement.closest('#editor')) {
    e.preventDefault();
    $('#editor-undo').click();
  }
});
$('#editor-use').addEventListener('click', async () => {
  if (ed.checked !== 'ok') { say(`fix it first: ${ed.checked}`, true); return; }
  ed.using = true; // the page reopens with this text: keep the editor and its undo
  await openText(ed.yaml, state.name);
  ed.used = (ed.used || 0) + 1;
});
$('#editor-download').addEventListener('click', () => {
  const base = (state.name || 'scenario').split('/').pop().replace(/\.(ya?ml|json)$/i, '');
  const a = el('a', '', { href: URL.createObjectURL(new Blob([ed.yaml], { type: 'application/yaml' })), download: `${base}-edited.yaml` });
  document.body.append(a);
  a.click();
  a.remove();
});
$('#editor-reload').addEventListener('click', loadEditor);
document.addEventListener('parley:model', () => {
  if (ed.using) { ed.using = false; return; }
  if ($('#editor').open) loadEditor();
});
$('#editor').addEventListener('toggle', () => { if ($('#editor').open && state.text) loadEditor(); });
