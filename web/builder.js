// builder.js — the package builder: a position per issue (option buttons on
// discrete issues, a slider on scales, "open" everywhere), from a proposal
// or from scratch. Every change appends the package to the scenario as a
// proposal (package.js) and asks the server's /api/eval for it: each
// actor's utility, BATNA, surplus, red lines and verdict, and whether the
// package breaks a constraint, are the engine's own (measured: tens of ms
// a click, docs/web.md). /api/amend on the same text gives the nearest
// acceptable packages and the Pareto improvements, /api/trades the swaps
// two actors would gain from; "Save" downloads the
// text with the package appended.
import { appendProposal, freeId, isJson } from './package.js';
import { amendView, tradesView } from './views.js';

const $ = (sel) => document.querySelector(sel);
const B = { model: null, positions: {}, seq: 0, shown: 0, latency: [], inflight: null,
            pending: false, amendSeq: 0, amendTimer: null, clickAt: 0, id: 'built' };
window.parley = window.parley || {};
window.parley.builder = B;

let ctx = null; // {text, name, call} from app.js

function el(tag, attrs = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

function builtText() {
  return appendProposal(ctx.text(), { id: B.id, name: 'package built in the page', positions: B.positions });
}

// ---- the controls

function setPosition(issue, value) {
  B.positions[issue] = value;
  B.clickAt = performance.now();
  markControls(issue);
  evaluate();
  scheduleAmend();
}

function markControls(issue) {
  const v = B.positions[issue];
  const row = document.querySelector(`#builder-issues [data-issue="${CSS.escape(issue)}"]`);
  if (!row) return;
  row.querySelectorAll('button[data-value]').forEach((b) => {
    const on = b.dataset.value === (v === null ? '\u0000open' : String(v));
    b.classList.toggle('on', on);
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
  });
  const range = row.querySelector('input[type=range]'), num = row.querySelector('input[type=number]');
  if (range) {
    const open = v === null;
    range.classList.toggle('open', open);
    if (!open) { range.value = v; num.value = v; } else num.value = '';
  }
}

function issueRow(is) {
  const tr = el('tr', { 'data-issue': is.id });
  tr.append(el('th', { title: is.id }, is.name || is.id));
  const td = el('td');
  const open = el('button', { 'data-value': '\u0000open', class: 'opt open-opt', type: 'button',
                             title: 'the package leaves this issue open' }, 'leave open');
  open.addEventListener('click', () => setPosition(is.id, null));
  if (is.kind === 'discrete') {
    for (const o of is.options) {
      const b = el('button', { 'data-value': o, class: 'opt', type: 'button' }, o);
      b.addEventListener('click', () => setPosition(is.id, o));
      td.append(b);
    }
  } else {
    const range = el('input', { type: 'range', min: is.lo, max: is.hi, step: 'any' });
    const num = el('input', { type: 'number', min: is.lo, max: is.hi, step: 'any', class: 'num' });
    range.addEventListener('input', () => setPosition(is.id, Number(range.value)));
    num.addEventListener('change', () => {
      if (num.value === '') return setPosition(is.id, null);
      const x = Number(num.value);
      if (x >= is.lo && x <= is.hi) setPosition(is.id, x);
      else B.message(`${is.id}: a position from ${is.lo} to ${is.hi}${is.unit ? ' ' + is.unit : ''}`);
    });
    td.append(range, num, el('span', { class: 'note' }, `${is.lo} to ${is.hi}${is.unit ? ' ' + is.unit : ''}`));
  }
  td.append(open);
  tr.append(td);
  return tr;
}

function startFrom(id) {
  const p = B.model.proposals.find((x) => x.id === id);
  B.positions = {};
  for (const is of B.model.issues) B.positions[is.id] = p ? p.positions[is.id] : null;
  B.model.issues.forEach((is) => markControls(is.id));
  B.clickAt = performance.now();
  evaluate();
  scheduleAmend();
}

// Builds the section for a scenario; opened: the text and how to call the API.
export async function openBuilder(c) {
  ctx = c;
  const r = await ctx.call('model', {});
  B.model = r.result;
  B.id = freeId('built', B.model.proposals.map((p) => p.id));
  const sel = $('#builder-from');
  sel.replaceChildren(el('option', { value: '' }, 'scratch (every issue open)'),
    ...B.model.proposals.map((p) => el('option', { value: p.id }, `${p.id}: ${p.name}`)));
  $('#builder-issues').replaceChildren(...B.model.issues.map(issueRow));
  $('#builder-save-id').value = freeId('my-package', B.model.proposals.map((p) => p.id));
  $('#builder').hidden = false;
  const first = B.model.proposals.length ? B.model.proposals[0].id : '';
  sel.value = first;
  startFrom(first);
}

// ---- evaluation: one request in flight, the latest package wins

async function evaluate() {
  if (B.inflight) { B.pending = true; return; }
  let text;
  try { text = builtText(); } catch (e) { B.message(e.message, true); return; } // an inline proposals list
  const seq = ++B.seq, t0 = B.clickAt;
  B.inflight = ctx.callText('eval', text, { proposal: B.id }).then((r) => {
    B.last = r.result.proposals[0];
    showVerdicts(B.last);
    B.message('');
    // the figure docs/web.md reports: from the click to the frame that shows it
    requestAnimationFrame(() => { B.latency.push(performance.now() - t0); B.shown = seq; });
  }).catch((e) => B.message(e.message, true)).finally(() => {
    B.inflight = null;
    if (B.pending) { B.pending = false; evaluate(); }
  });
}

function fmt(x) { return x === null || x === undefined ? '—' : x.toFixed(3); }

function showVerdicts(p) {
  const tb = $('#builder-verdicts tbody');
  tb.replaceChildren();
  for (const a of p.actors) {
    const red = [...a.red_lines_crossed,
      ...(a.red_line_rules || []).filter((r) => r.broken === true).map((r) => `${r.id} (conditional)`)];
    const maybe = (a.red_line_rules || []).filter((r) => r.broken === null).map((r) => r.id);
    const util = a.utility !== null ? fmt(a.utility) : `${fmt(a.utility_min)} to ${fmt(a.utility_max)}`;
    const surplus = a.surplus !== null ? fmt(a.surplus) : `${fmt(a.surplus_min)} to ${fmt(a.surplus_max)}`;
    const tr = el('tr', { 'data-actor': a.id, class: a.verdict });
    tr.append(el('th', {}, a.id), el('td', {}, util), el('td', {}, fmt(a.batna)), el('td', {}, surplus),
      el('td', {}, red.join(', ') + (maybe.length ? `${red.length ? '; ' : ''}may break ${maybe.join(', ')}` : '')),
      el('td', { class: 'verdict' }, a.verdict));
    tb.append(tr);
  }
  const feas = $('#builder-feasible');
  const broken = (p.constraints || []).filter((c) => c.broken === true).map((c) => c.id);
  const maybe = (p.constraints || []).filter((c) => c.broken === null).map((c) => c.id);
  let line = '';
  if (p.feasible === false) line = `not a feasible package: breaks constraint ${broken.join(', ')}`;
  else if (p.feasible === null) line = `feasible only if the open issues keep constraint ${maybe.join(', ')}`;
  const acc = p.accepted_by.length, n = p.actors.length;
  const summary = p.feasible === false ? line
    : `${line ? line + '; ' : ''}${acc} of ${n} accept${p.open_for.length ? `, ${p.open_for.length} depend on the open issues` : ''}` +
      (acc === n ? ': a deal every party prefers to walking away' : '');
  feas.textContent = summary;
  feas.className = p.feasible === false ? 'infeasible' : acc === n ? 'deal' : '';
}

// ---- amend: slower (it searches the space), so after the clicks settle

function scheduleAmend() {
  clearTimeout(B.amendTimer);
  B.amendTimer = setTimeout(runAmend, 250);
}

async function runAmend() {
  const seq = ++B.amendSeq;
  const box = $('#builder-amend');
  box.classList.add('busy');
  try {
    const text = builtText();
    const [r, t] = await Promise.all([ctx.callText('amend', text, { proposal: B.id }),
                                      ctx.callText('trades', text, { proposal: B.id })]);
    if (seq !== B.amendSeq) return;
    box.replaceChildren(amendView(r.result, B.positions, (pkg) => useAmendment(pkg)), tradesView(t.result));
    B.amended = seq;
  } catch (e) {
    if (seq === B.amendSeq) box.replaceChildren(el('p', { class: 'error-box' }, e.message));
  } finally {
    if (seq === B.amendSeq) box.classList.remove('busy');
  }
}

function useAmendment(pkg) {
  for (const is of B.model.issues) B.positions[is.id] = pkg.positions[is.id] ?? null;
  B.model.issues.forEach((is) => markControls(is.id));
  B.clickAt = performance.now();
  evaluate();
  scheduleAmend();
}

// ---- save: the scenario with the package as a new proposal, downloaded

function save() {
  const id = $('#builder-save-id').value.trim();
  const name = $('#builder-save-name').value.trim();
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-]*$/.test(id)) return B.message('proposal id: letters, digits, _ . - (not starting with . or -)', true);
  if (B.model.proposals.some((p) => p.id === id)) return B.message(`proposal id: '${id}' is already a proposal of the scenario`, true);
  let text;
  try { text = appendProposal(ctx.text(), { id, name, positions: B.positions }); } catch (e) { return B.message(e.message, true); }
  B.saved = text;
  const blob = new Blob([text], { type: isJson(text) ? 'application/json' : 'application/yaml' });
  const a = el('a', { href: URL.createObjectURL(blob), download: ctx.fileName(isJson(text) ? '.json' : '.yaml') });
  document.body.append(a);
  a.click();
  a.remove();
  B.message(`saved as proposal '${id}'`);
}

B.message = (m, error = false) => {
  const e = $('#builder-status');
  e.textContent = m;
  e.classList.toggle('error', error);
};

$('#builder-from').addEventListener('change', (e) => startFrom(e.target.value));
$('#builder-save').addEventListener('click', save);
