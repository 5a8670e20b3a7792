// archive.js — the run archive of `parley serve --db FILE`: the list of
// stored runs (GET /api/runs), one run opened (GET /api/runs/ID?scenario=1:
// its record, its result, its scenario loaded into the page on request)
// and two runs compared (GET /api/runs/A/diff/B): the scenario change in
// words, as `parley runs diff` prints it, then the parameters and the
// result path by path.
import { openText } from './app.js';

const $ = (sel) => document.querySelector(sel);
const arc = { runs: [], opened: null, diff: null };
window.parley.archive = arc; // for the browser test

function el(tag, text = '', attrs = {}) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== '') e.textContent = text;
  return e;
}

function say(msg, error = false) {
  $('#archive-status').textContent = msg;
  $('#archive-status').classList.toggle('error', error);
}

async function getJson(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : `HTTP ${r.status}`);
  return body;
}

const short = (v) => {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
};

export async function listRuns() {
  say('reading the archive …');
  try {
    const d = await getJson('api/runs?limit=200');
    arc.runs = d.runs;
    const tb = $('#archive-list tbody');
    tb.replaceChildren(...d.runs.slice().reverse().map((r) => {
      const tr = el('tr');
      const pick = el('input', '', { type: 'checkbox', 'data-id': r.id });
      pick.addEventListener('change', pickedChanged);
      const open = el('button', 'open', { type: 'button', class: 'use' });
      open.addEventListener('click', () => openRun(r.id));
      const params = Object.entries(r.parameters || {}).filter(([k]) => k !== 'name').map(([k, v]) => `${k}=${v}`).join(' ');
      [pick, String(r.id), r.started_at.replace('T', ' ').replace(/\.\d+Z$/, ''), r.command,
       `${r.scenario.id} (${r.scenario.hash.slice(7, 15)})`, params, r.seed === null ? '' : String(r.seed),
       `${r.wall_seconds.toFixed(2)} s`, String(r.exit_status), open].forEach((c) => {
        const td = el('td');
        td.append(c);
        tr.append(td);
      });
      return tr;
    }));
    say(`${d.count} runs stored${d.count > d.runs.length ? ` (the last ${d.runs.length} listed)` : ''}; tick two to compare them`);
    $('#archive-compare').disabled = true;
  } catch (e) {
    say(/without --db|no archive/i.test(e.message) ? `${e.message} (start the server with --db FILE to keep runs)` : e.message, true);
  }
}

function picked() {
  return [...document.querySelectorAll('#archive-list input:checked')].map((i) => Number(i.dataset.id)).sort((a, b) => a - b);
}

function pickedChanged() {
  $('#archive-compare').disabled = picked().length !== 2;
}

async function openRun(id) {
  try {
    const r = await getJson(`api/runs/${id}?scenario=1`);
    arc.opened = r;
    const box = $('#archive-view');
    box.replaceChildren();
    box.append(el('h3', `Run ${r.id}: ${r.command} of ${r.scenario.id}`));
    const dl = el('p', `${r.started_at} · ${r.wall_seconds.toFixed(2)} s wall · exit ${r.exit_status} · Parley ${r.parley_version} · seed ${r.seed === null ? '—' : r.seed} · ${r.scenario.hash}`, { class: 'note' });
    box.append(dl, el('p', `parameters: ${JSON.stringify(r.parameters)}`, { class: 'note' }));
    if (r.scenario.text) {
      const b = el('button', 'Open its scenario in the page', { type: 'button' });
      b.addEventListener('click', () => openText(r.scenario.text, r.scenario.file || `run-${r.id}.yaml`));
      box.append(b);
    }
    const d = el('details', '', { class: 'table' });
    d.open = true;
    d.append(el('summary', 'result (JSON)'), el('pre', JSON.stringify(r.result, null, 2), { class: 'json' }));
    box.append(d);
    say(`run ${id} opened`);
  } catch (e) {
    say(e.message, true);
  }
}

async function compare() {
  const [a, b] = picked();
  if (b === undefined) return;
  try {
    const d = await getJson(`api/runs/${a}/diff/${b}`);
    arc.diff = d;
    const box = $('#archive-view');
    box.replaceChildren(el('h3', `Runs ${a} → ${b}`));
    const sc = el('ul', '', { class: 'words' });
    if (d.scenario_differences) {
      box.append(el('p', `The scenario changed (${d.scenario_differences}):`));
      for (const c of d.scenario) sc.append(el('li', c.words));
    } else {
      box.append(el('p', 'Both runs read the same scenario.'));
    }
    box.append(sc);
    for (const field of ['parameters', 'result']) {
      const n = d[`${field}_differences`];
      box.append(el('h4', `${field}: ${n ? `${n} difference${n === 1 ? '' : 's'}` : 'identical'}`));
      if (!n) continue;
      const t = el('table', '', { class: 'data diff' });
      const head = el('tr');
      ['', 'path', 'old', 'new'].forEach((h) => head.append(el('th', h)));
      t.append(head);
      for (const row of d[field]) {
        const tr = el('tr');
        [row.kind === 'changed' ? '~' : row.kind === 'added' ? '+' : '-', row.path, short(row.old), short(row.new)]
          .forEach((c) => tr.append(el('td', c)));
        t.append(tr);
      }
      box.append(t);
      if (n > d[field].length) box.append(el('p', `the first ${d[field].length} of ${n}`, { class: 'note' }));
    }
    say(`runs ${a} and ${b} compared`);
  } catch (e) {
    say(e.message, true);
  }
}

$('#archive-refresh').addEventListener('click', listRuns);
$('#archive-compare').addEventListener('click', compare);
