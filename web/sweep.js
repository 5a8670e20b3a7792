// sweep.js — the sweep section: POST /api/sweep (`parley sweep --format
// json`) along one input (FROM..TO:STEP) or two (a grid of pairs), with
// progress and cancel; one input draws a line per numeric column, two a
// heat map of the chosen column (specs.js); the table beside each chart
// has every column, words included.
import { state, draw } from './app.js';
import { paramForm } from './options.js';
import { runJob, cancelJob, progressText } from './jobs.js';
import { numericColumns, sweepHeatSpec, sweepLineSpec } from './specs.js';

const $ = (sel) => document.querySelector(sel);
const sw = { previous: null, current: null, job: null, runs: 0, form: null };
window.parley.sweep = sw; // for the browser test

function say(msg, error = false) {
  $('#sweep-status').textContent = msg;
  $('#sweep-status').classList.toggle('error', error);
}

// The paths a sweep can vary: every actor's BATNA and capability, every
// stance's salience (from the builder's model and the positions chart).
function pathChoices() {
  const m = window.parley.builder && window.parley.builder.model;
  const words = [];
  if (m) for (const a of m.actors) words.push(`actors.${a.id}.batna`, `actors.${a.id}.capability`);
  const cur = state.current;
  const rows = (cur && cur.charts.positions && cur.charts.positions.data.values) || [];
  for (const r of rows) words.push(`stances.${r.actor}.${r.issue}.salience`);
  $('#sweep-paths').replaceChildren(...[...new Set(words)].map((w) => { const o = document.createElement('option'); o.value = w; return o; }));
}

// "PATH=FROM..TO:STEP" of axis k, or null when its path is empty.
function axis(k) {
  const path = $(`#sweep-path${k}`).value.trim();
  if (!path) return null;
  const v = (n) => $(`#sweep-${n}${k}`).value.trim();
  return `${path}=${v('from')}..${v('to')}:${v('step')}`;
}

// The column a heat map shows: the chosen one if it is still numeric.
function heatColumn(r) {
  const cols = numericColumns(r);
  const sel = $('#sweep-column');
  const keep = sel.value;
  sel.replaceChildren(...cols.map((c) => { const o = document.createElement('option'); o.value = c; o.textContent = c; return o; }));
  if (cols.includes(keep)) sel.value = keep;
  sel.disabled = r.vary.length < 2;
  return sel.value || cols[0];
}

function charts(r) {
  const cols = numericColumns(r);
  if (!cols.length) return {};
  return r.vary.length === 1 ? { sweep_chart: sweepLineSpec(r, cols) } : { sweep_chart: sweepHeatSpec(r, heatColumn(r)) };
}

async function drawSweep() {
  const box = document.querySelector('[data-sweep="sweep_chart"]');
  await Promise.all([
    draw(box.querySelector('.prev'), sw.previous, 'sweep_chart', 'sweep', sw.current, sw.previous),
    draw(box.querySelector('.cur'), sw.current, 'sweep_chart', 'sweep', sw.current, sw.previous)]);
}

async function runSweep() {
  if (!state.text || sw.job) return;
  const sets = [axis(1), axis(2)].filter(Boolean);
  if (!sets.length) { say('give the input to sweep: its path, from, to and step', true); return; }
  const params = { ...sw.form.values(), set: sets }; // set repeats: one per input
  $('#sweep-run').disabled = true;
  $('#sweep-cancel').disabled = false;
  $('#sweep-progress').value = 0;
  say('starting …');
  const run = { charts: {}, errors: {}, results: {}, label: `sweep ${sw.runs + 1}` };
  try {
    const got = await runJob('sweep', params, sw, (p) => {
      if (p.total) $('#sweep-progress').value = p.done / p.total;
      say(progressText(p, 'points'));
    });
    run.results.sweep = got.result;
    run.charts = charts(got.result);
    $('#sweep-progress').value = 1;
    say(`${run.label}: ${got.result.what}, ${got.result.points.length} points · ${got.ms} ms`);
  } catch (e) {
    run.errors.sweep = e.message;
    say(e.message, true);
  }
  $('#sweep-run').disabled = false;
  $('#sweep-cancel').disabled = true;
  if (run.errors.sweep && /cancelled/.test(run.errors.sweep)) return;
  if (sw.current) sw.previous = sw.current;
  sw.current = run;
  sw.runs++;
  await drawSweep();
  sw.drawn = sw.runs;
}

export function setupSweep() {
  sw.form = paramForm('sweep', ['set']);
  $('#sweep-form').replaceChildren(sw.form.el);
}

$('#sweep-run').addEventListener('click', runSweep);
$('#sweep-cancel').addEventListener('click', async () => { say('cancelling …'); await cancelJob(sw); });
$('#sweep-column').addEventListener('change', async () => {
  if (!sw.current || !sw.current.results.sweep) return;
  sw.current.charts = charts(sw.current.results.sweep);
  await drawSweep();
  sw.drawn = (sw.drawn || 0) + 1;
});
document.addEventListener('parley:opened', () => { $('#sweep-run').disabled = !state.text || !!sw.job; pathChoices(); });
document.addEventListener('parley:model', pathChoices);
document.addEventListener('parley:options', setupSweep);
