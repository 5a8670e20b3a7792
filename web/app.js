// app.js — the Parley web application: opens a scenario (a shipped example
// or a file), runs eval, space, forecast and simulate through the JSON API
// (the simulation with the what-if switches of its form), draws the
// engine's Vega-Lite specs with vega-embed, and keeps the previous run
// beside the new one after a number or a switch is changed. No framework,
// no build. The Monte Carlo section is mc.js.
import { setNumber } from './edit.js';
import { loadOptions, pageParams, paramForm } from './options.js';
import { openBuilder } from './builder.js';
import { amendView, dataTable, exportButtons, tradesView, whyNoDeal } from './views.js';

const $ = (sel) => document.querySelector(sel);
export const state = { text: null, name: null, previous: null, current: null, busy: false, forecast: null };
window.parley = Object.assign(window.parley || {}, { views: {}, runs: 0, state }); // for the browser test and the console

export function status(msg, error = false) {
  const el = $('#status');
  el.textContent = msg;
  el.classList.toggle('error', error);
}

function contentType(text) {
  return text.trimStart().startsWith('{') ? 'application/json' : 'application/yaml';
}

export function call(kind, params) { return callText(kind, state.text, params); }

// An analysis of `text` (the scenario as it is, or with a package appended);
// a parameter whose value is a list is repeated (set=...&set=...).
export async function callText(kind, text, params) {
  const qs = new URLSearchParams({ name: state.name });
  for (const [k, v] of Object.entries(params || {}))
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  const t0 = performance.now();
  const r = await fetch(`api/${kind}?${qs}`, {
    method: 'POST', headers: { 'Content-Type': contentType(text) }, body: text,
  });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : `HTTP ${r.status}`);
  return { ...body, ms: Math.round(performance.now() - t0), run: r.headers.get('X-Parley-Run') };
}

// The simulation's what-if switches as query parameters (simulate's options).
export function simParams() {
  const p = {};
  const without = [...document.querySelectorAll('#sim-form input[name=without]:checked')].map((e) => e.value);
  const other = $('#sim-without').value.trim();
  if (other) without.push(other);
  if (without.length) p.without = without.join(',');
  const join = [], leave = [];
  for (const sel of document.querySelectorAll('#sim-room select')) {
    if (sel.value === 'in') join.push(sel.dataset.actor);
    if (sel.value === 'out') leave.push(sel.dataset.actor);
  }
  if (join.length) p.join = join.join(',');
  if (leave.length) p.leave = leave.join(',');
  for (const { name } of pageParams('simulate')) { // the other page switches (protocol, ...)
    const el = document.getElementById(`sim-${name}`);
    const v = el && el.tagName !== 'FIELDSET' && !p[name] ? el.value.trim() : '';
    if (v) p[name] = v;
  }
  return p;
}

function buildRoom(actors) {
  const box = $('#sim-room');
  if (box.dataset.ready) return;
  box.replaceChildren();
  box.className = '';
  for (const id of actors) {
    const sel = document.createElement('select');
    sel.dataset.actor = id;
    for (const [v, t] of [['', `${id}: as the scenario`], ['in', `${id}: in the room`], ['out', `${id}: kept out`]]) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = t;
      sel.append(o);
    }
    box.append(sel);
  }
  box.dataset.ready = '1';
}

function outcomeText(run) {
  const r = run && run.results.simulate;
  if (!r) return run && run.errors.simulate ? `simulation failed: ${run.errors.simulate}` : '';
  const o = r.outcome, p = r.parameters;
  const how = `${p.protocol}${p.protocol === 'mediated' ? ', ' + p.meeting : ''}`;
  if (o.agreement) {
    const d = o.durability;
    const holds = d && d.holds ? 'holds' : d ? `breaks after ${d.rounds} rounds (${d.breaker})` : '';
    return `${run.label}: agreement in round ${o.round} (${how}); the deal ${holds}`;
  }
  // The one vocabulary of docs/simulation.md ("Output and durability"): end_text names the end.
  const who = (o.walked_out || []).length ? ` (${o.walked_out.join(', ')})` : '';
  const why = o.end === 'horizon' ? 'no deal by the horizon' : `${o.end_text}${who}`;
  return `${run.label}: ${why}, round ${o.round} (${how})`;
}

// One line per model: who accepts its forecast as a package, whose red
// lines it crosses (conditional ones too), who is left below its BATNA, the
// constraints it breaks (the API's "checks"; linkage keys only when the
// scenario has linkage, docs/models.md).
function forecastChecks(run) {
  const r = run && run.results.forecast;
  if (!r) return [];
  return r.models.map((m) => {
    const crossed = (c) => c.red_lines_crossed.concat(c.conditional_red_lines_broken || []);
    const red = m.checks.filter((c) => crossed(c).length)
      .map((c) => `${c.actor} (${crossed(c).join(', ')})`);
    const below = m.checks.filter((c) => c.below_batna).map((c) => c.actor);
    const accept = m.checks.filter((c) => c.verdict === 'accept').length;
    let line = `${m.id}: ${accept} of ${m.checks.length} actors accept`;
    if (red.length) line += `; crosses red lines of ${red.join('; ')}`;
    if (below.length) line += `; below the BATNA of ${below.join(', ')}`;
    const broken = m.constraints_broken || [];
    if (broken.length) line += `; breaks the constraint ${broken.join(', ')}: no package at all`;
    if (m.converged === false) line += '; did not converge';
    return line;
  });
}

// One run: the three analyses at once; each chart keeps its own error.
async function runAll() {
  if (!state.text || state.busy) return;
  state.busy = true;
  $('#run').disabled = true;
  status('running eval, space, forecast and simulate …');
  const space = $('#drop-red-lines').checked ? { 'drop-red-lines': 'all' } : {};
  const fc = state.forecast ? state.forecast.values() : {}; // the forecast settings
  const kinds = { eval: {}, space, forecast: { ...fc, trace: '1' }, simulate: simParams() };
  const names = Object.keys(kinds);
  const got = await Promise.allSettled(names.map((k) => call(k, kinds[k])));
  const run = { charts: {}, errors: {}, results: {}, label: `run ${window.parley.runs + 1}` };
  const times = [];
  got.forEach((g, i) => {
    if (g.status === 'fulfilled') {
      Object.assign(run.charts, g.value.charts);
      run.results[names[i]] = g.value.result;
      times.push(`${names[i]} ${g.value.ms} ms`);
    } else {
      run.errors[names[i]] = g.reason.message;
      times.push(`${names[i]} failed`);
    }
  });
  if (state.current) state.previous = state.current;
  state.current = run;
  window.parley.runs++;
  await drawAll();
  if (run.results.eval && !$('#edit-batna').dataset.ready) buildEditors(run);
  if (run.results.eval && run.results.eval.proposals.length)
    buildRoom(run.results.eval.proposals[0].actors.map((a) => a.id));
  $('#sim-outcome').textContent = outcomeText(run);
  $('#forecast-checks').replaceChildren(...forecastChecks(run).map((line) => cell('li', line)));
  const why = whyNoDeal(run.results.space);
  $('#why-no-deal').hidden = why.length === 0;
  $('#why-no-deal ul').replaceChildren(...why.map((line) => cell('li', line)));
  document.dispatchEvent(new CustomEvent('parley:opened'));
  const failed = Object.entries(run.errors);
  status(failed.length ? failed.map(([k, m]) => `${k}: ${m}`).join(' · ') : `${run.label}: ${times.join(' · ')}`,
    failed.length > 0);
  state.busy = false;
  $('#run').disabled = false;
}

// Draws chart `name` of a run (its error when analysis `kind` failed) in el;
// views[name] keeps the current run's view. cur: the run shown as now.
export async function draw(el, run, name, kind, cur = state.current, prev = state.previous) {
  el.replaceChildren();
  if (!run) return;
  const label = document.createElement('div');
  label.className = 'label';
  label.textContent = run === cur && prev ? `${run.label} (now)` : run.label;
  el.append(label);
  const box = document.createElement('div');
  el.append(box);
  if (run.errors[kind]) {
    box.className = 'error-box';
    box.textContent = run.errors[kind];
    return;
  }
  const spec = run.charts[name];
  if (!spec) return;
  el.append(dataTable(spec, name));
  const res = await vegaEmbed(box, spec, { actions: false, renderer: 'svg' });
  el.append(exportButtons(res.view, name));
  if (run === cur) window.parley.views[name] = res.view;
}

async function drawAll() {
  const jobs = [];
  document.querySelectorAll('[data-chart]').forEach((sec) => {
    const name = sec.dataset.chart, kind = sec.dataset.kind;
    jobs.push(draw(sec.querySelector('.prev'), state.previous, name, kind));
    jobs.push(draw(sec.querySelector('.cur'), state.current, name, kind));
  });
  await Promise.all(jobs);
}

// ---- editing numbers

function input(what, value) {
  const el = document.createElement('input');
  el.type = 'number';
  el.step = '0.01';
  el.min = '0';
  el.max = '1';
  el.value = String(value);
  el.dataset.what = JSON.stringify(what);
  el.dataset.original = String(value);
  el.addEventListener('input', () => el.classList.toggle('changed', el.value !== el.dataset.original));
  return el;
}

function cell(tag, content) {
  const c = document.createElement(tag);
  if (content instanceof Node) c.append(content); else c.textContent = content;
  return c;
}

function buildEditors(run) {
  const ev = run.results.eval;
  const actors = ev.proposals.length ? ev.proposals[0].actors : [];
  const tb = $('#edit-batna');
  tb.replaceChildren();
  for (const a of actors) {
    const tr = document.createElement('tr');
    tr.append(cell('th', a.id), cell('td', input({ kind: 'batna', actor: a.id }, a.batna)));
    tb.append(tr);
  }
  tb.dataset.ready = '1';
  const rows = (run.charts.positions && run.charts.positions.data.values) || [];
  const issues = [...new Set(rows.map((r) => r.issue))];
  const ids = actors.map((a) => a.id);
  const ts = $('#edit-salience');
  ts.replaceChildren();
  const head = document.createElement('tr');
  head.append(cell('th', ''), ...ids.map((id) => cell('th', id)));
  ts.append(head);
  for (const issue of issues) {
    const tr = document.createElement('tr');
    tr.append(cell('th', issue));
    for (const id of ids) {
      const r = rows.find((x) => x.actor === id && x.issue === issue);
      tr.append(cell('td', r ? input({ kind: 'salience', actor: id, issue }, r.salience) : ''));
    }
    ts.append(tr);
  }
}

// Applies every changed number to the text; false (and a message) when one cannot be placed.
function applyEdits() {
  let text = $('#source').value;
  for (const el of document.querySelectorAll('.edit-grid input.changed')) {
    const what = JSON.parse(el.dataset.what);
    const next = setNumber(text, what, Number(el.value));
    if (next === null) {
      status(`cannot find the ${what.kind} of ${what.actor}${what.issue ? ' on ' + what.issue : ''} in the text: edit it there`, true);
      $('#edit-panel').open = true;
      return false;
    }
    text = next;
    el.dataset.original = el.value;
    el.classList.remove('changed');
  }
  $('#source').value = text;
  state.text = text;
  return true;
}

// ---- opening a scenario

function open(text, name) {
  state.text = text;
  state.name = name;
  state.previous = state.current = null;
  $('#source').value = text;
  $('#edit-batna').dataset.ready = '';
  $('#sim-room').dataset.ready = '';
  $('#run').disabled = false;
  const m = text.match(/^\s*name:\s*(.+)$/m);
  $('#title').textContent = `${name}${m ? ' — ' + m[1].replace(/^["']|["']$/g, '') : ''}`;
  const builder = openBuilder({ text: () => state.text, call, callText, fileName })
    .then(() => { fillProposals(); document.dispatchEvent(new CustomEvent('parley:model')); })
    .catch((e) => { $('#builder').hidden = true; status(`package builder: ${e.message}`, true); });
  return Promise.all([runAll(), builder]);
}

// Opens a scenario text (the archive's "open its scenario").
export function openText(text, name) { return open(text, name); }

// The file name a saved scenario gets: the opened one's, marked as edited.
function fileName(ext) {
  const base = (state.name || 'scenario').split('/').pop().replace(/\.(ya?ml|json)$/i, '');
  return `${base}-edited${ext}`;
}

// ---- amend and trades on one of the scenario's proposals

function fillProposals() {
  const ps = window.parley.builder.model.proposals;
  $('#onprop-proposal').replaceChildren(...ps.map((p) => {
    const o = document.createElement('option');
    o.value = p.id;
    o.textContent = `${p.id}: ${p.name}`;
    return o;
  }));
  $('#on-proposal').hidden = ps.length === 0;
}

async function onProposal() {
  const id = $('#onprop-proposal').value;
  const p = window.parley.builder.model.proposals.find((x) => x.id === id);
  if (!p) return;
  $('#onprop-status').textContent = `amending ${id} and looking for trades …`;
  const [am, tr] = await Promise.allSettled([call('amend', { proposal: id }), call('trades', { proposal: id })]);
  $('#onprop-amend').replaceChildren(am.status === 'fulfilled' ? amendView(am.value.result, p.positions)
    : cell('p', am.reason.message));
  $('#onprop-trades').replaceChildren(tr.status === 'fulfilled' ? tradesView(tr.value.result)
    : cell('p', tr.reason.message));
  $('#onprop-status').textContent = am.status === 'fulfilled' && tr.status === 'fulfilled'
    ? `amend ${am.value.ms} ms · trades ${tr.value.ms} ms` : 'failed: see below';
  window.parley.onProposal = (window.parley.onProposal || 0) + 1;
}
$('#onprop-run').addEventListener('click', onProposal);

async function loadExamples() {
  try {
    const r = await fetch('api/examples');
    const { examples } = await r.json();
    const sel = $('#example');
    for (const ex of examples) {
      const o = document.createElement('option');
      o.value = ex.name;
      o.textContent = `${ex.title || ex.name} (${ex.actors} actors, ${ex.issues} issues)`;
      sel.append(o);
    }
  } catch (e) {
    status(`cannot list the examples: ${e.message}`, true);
  }
}

$('#example').addEventListener('change', async (e) => {
  const name = e.target.value;
  if (!name) return;
  const r = await fetch(`api/examples/${encodeURIComponent(name)}`);
  if (!r.ok) { status(`cannot load ${name}`, true); return; }
  await open(await r.text(), `examples/${name}.yaml`);
});
$('#file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (f) await open(await f.text(), f.name);
});
$('#source').addEventListener('input', () => { state.text = $('#source').value; });
$('#run').addEventListener('click', () => { if (applyEdits()) runAll(); });
$('#sim-form').addEventListener('submit', (e) => { e.preventDefault(); if (applyEdits()) runAll(); });
if (typeof vegaEmbed === 'undefined')
  status("the vega libraries are missing: run 'npm ci' in the repository, then reload", true);
loadOptions().then(() => {
  state.forecast = paramForm('forecast', ['trace', 'set']);
  $('#forecast-settings .params-box').replaceChildren(state.forecast.el);
  document.dispatchEvent(new CustomEvent('parley:options'));
}).catch((e) => status(`cannot read the options: ${e.message}`, true));
loadExamples();
