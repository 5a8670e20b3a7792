// sens.js — the sensitivity section: POST /api/sensitivity (`parley
// sensitivity --format json`) with the parameters of the option tables,
// progress and cancel, then the tornado and the Sobol indices with their
// 95% intervals (specs.js), each with its table, and the warnings the CLI
// prints (an output that barely varies, S1 above ST).
import { state, draw } from './app.js';
import { paramForm } from './options.js';
import { runJob, cancelJob, progressText } from './jobs.js';
import { tornadoSpec, sobolSpec } from './specs.js';

const $ = (sel) => document.querySelector(sel);
const sens = { previous: null, current: null, job: null, runs: 0, form: null };
window.parley.sens = sens; // for the browser test

function say(msg, error = false) {
  $('#sens-status').textContent = msg;
  $('#sens-status').classList.toggle('error', error);
}

export function warnings(r) {
  const w = [];
  const s = r.sobol;
  if (s.barely_varies)
    w.push(`the output barely varies (variance ${s.variance} around ${s.mean}; ${s.varying_rows} of ${s.rows} rows move it): the indices are not reliable`);
  for (const i of r.inputs)
    if (i.s1_above_st)
      w.push(`${i.path}: S1 ${i.s1.toFixed(3)} exceeds ST ${i.st.toFixed(3)} beyond their intervals (S1 cannot exceed ST): too few samples, raise samples`);
  return w;
}

// The metric's choices from the builder's model: agreement, round, each
// actor's utility and surplus, each issue's terms.
function metricChoices() {
  const m = window.parley.builder && window.parley.builder.model;
  const list = $('#sens-metrics');
  const words = ['agreement', 'round'];
  if (m) {
    for (const a of m.actors) words.push(`utility:${a.id}`, `surplus:${a.id}`);
    for (const i of m.issues) words.push(`terms:${i.id}`);
  }
  list.replaceChildren(...words.map((w) => { const o = document.createElement('option'); o.value = w; return o; }));
}

async function drawSens() {
  const jobs = [];
  for (const name of ['sens_tornado', 'sens_sobol']) {
    const box = document.querySelector(`[data-sens="${name}"]`);
    jobs.push(draw(box.querySelector('.prev'), sens.previous, name, 'sensitivity', sens.current, sens.previous));
    jobs.push(draw(box.querySelector('.cur'), sens.current, name, 'sensitivity', sens.current, sens.previous));
  }
  await Promise.all(jobs);
}

async function runSens() {
  if (!state.text || sens.job) return;
  $('#sens-run').disabled = true;
  $('#sens-cancel').disabled = false;
  $('#sens-progress').value = 0;
  say('starting …');
  const run = { charts: {}, errors: {}, results: {}, label: `sensitivity ${sens.runs + 1}` };
  try {
    const got = await runJob('sensitivity', sens.form.values(), sens, (p) => {
      if (p.total) $('#sens-progress').value = p.done / p.total;
      say(progressText(p, 'evaluations'));
    });
    const r = got.result;
    run.results.sensitivity = r;
    run.charts = { sens_tornado: tornadoSpec(r), sens_sobol: sobolSpec(r) };
    $('#sens-progress').value = 1;
    say(`${run.label}: ${r.parameters.metric} (${r.parameters.what}), ${r.sobol.rows} rows, at every point estimate ${r.base} · ${got.ms} ms`);
  } catch (e) {
    run.errors.sensitivity = e.message;
    say(e.message, true);
  }
  $('#sens-run').disabled = false;
  $('#sens-cancel').disabled = true;
  if (run.errors.sensitivity && /cancelled/.test(run.errors.sensitivity)) return;
  if (sens.current) sens.previous = sens.current;
  sens.current = run;
  sens.runs++;
  const w = run.results.sensitivity ? warnings(run.results.sensitivity) : [];
  $('#sens-warnings').replaceChildren(...w.map((t) => { const li = document.createElement('li'); li.textContent = t; return li; }));
  await drawSens();
  sens.drawn = sens.runs;
}

export function setupSens() {
  sens.form = paramForm('sensitivity', ['set', 'threads']);
  const metric = sens.form.controls.find((c) => c.name === 'metric');
  if (metric) metric.setAttribute('list', 'sens-metrics');
  $('#sens-form').replaceChildren(sens.form.el);
}

$('#sens-run').addEventListener('click', runSens);
$('#sens-cancel').addEventListener('click', async () => { say('cancelling …'); await cancelJob(sens); });
document.addEventListener('parley:opened', () => { $('#sens-run').disabled = !state.text || !!sens.job; });
document.addEventListener('parley:model', metricChoices);
document.addEventListener('parley:options', setupSens);
