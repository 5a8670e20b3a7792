// mc.js — the Monte Carlo section: runs POST /api/montecarlo under a job id
// of its own, polls GET /api/jobs/ID for the progress bar while the request
// is open, cancels with DELETE /api/jobs/ID, and draws the distributions
// beside the previous Monte Carlo run.
import { state, call, draw, simParams } from './app.js';
import { pageParams } from './options.js';
import { mcForecastSpec } from './specs.js';

const $ = (sel) => document.querySelector(sel);
const mc = { previous: null, current: null, job: null, runs: 0 };
window.parley.mc = mc; // for the browser test

function say(msg, error = false) {
  const el = $('#mc-status');
  el.textContent = msg;
  el.classList.toggle('error', error);
}

function jobId() {
  const r = crypto.getRandomValues(new Uint32Array(2));
  return `mc-${Date.now().toString(36)}-${r[0].toString(36)}${r[1].toString(36)}`;
}

async function poll(job) {
  while (mc.job === job) {
    await new Promise((ok) => setTimeout(ok, 250));
    if (mc.job !== job) return;
    try {
      const r = await fetch(`api/jobs/${job}`);
      if (!r.ok) continue; // queued not yet, or just finished
      const p = await r.json();
      if (p.total) {
        $('#mc-progress').value = p.done / p.total;
        const rate = p.elapsed > 0 ? p.done / p.elapsed : 0;
        const left = rate > 0 ? (p.total - p.done) / rate : 0;
        say(`${p.state}: ${p.done.toLocaleString()} of ${p.total.toLocaleString()} samples, ` +
            `${Math.round(rate).toLocaleString()}/s, ${left.toFixed(1)} s left`);
        mc.lastProgress = p;
      }
    } catch (e) { /* the next poll tries again */ }
  }
}

async function drawMc() {
  const jobs = [];
  document.querySelectorAll('[data-mc]').forEach((el) => {
    const name = el.dataset.mc;
    jobs.push(draw(el.querySelector('.prev'), mc.previous, name, 'montecarlo', mc.current, mc.previous));
    jobs.push(draw(el.querySelector('.cur'), mc.current, name, 'montecarlo', mc.current, mc.previous));
  });
  await Promise.all(jobs);
}

function summary(res) {
  const a = res.agreement, z = res.zopa;
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  if (a) return `agreement ${pct(a.share)} (95% ${pct(a.ci95[0])}–${pct(a.ci95[1])}) of ${a.of.toLocaleString()} samples`;
  if (z) return `a ZOPA in ${pct(z.share)} of the samples`;
  return `${res.samples.drawn.toLocaleString()} samples`;
}

// The outcome given each choice's option and each chance tactic or event
// (the result's `choices` and `chances`; docs/montecarlo.md), a line each.
export function givenLines(res) {
  const pct = (x) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);
  const lines = [];
  for (const c of res.choices || []) {
    const opts = Object.entries(c.given).map(([o, g]) => `${o} ${g.drawn ? pct(g.agreement.share) : 'never drawn'}` +
      (g.drawn ? ` (${g.agreement.count} of ${g.drawn})` : ''));
    lines.push(`agreement given ${c.path}: ${opts.join('; ')}` +
      (c.hangs ? ` — the result hangs on this label (${c.lowest} lowest, ${c.highest} highest)` : ''));
  }
  for (const h of res.chances || []) {
    const word = (d) => (h.kind === 'event' ? (d ? 'happens' : 'does not happen') : (d ? 'used' : 'not used'));
    const part = (d) => {
      const g = h.given[d ? 'drawn' : 'not_drawn'];
      if (!g.runs) return `${word(d)}: never drawn`;
      return `${word(d)}: agreement ${pct(g.agreement.share)} (${g.agreement.count} of ${g.runs})` +
        (g.agreement.count ? `, holds ${pct(g.holds.share)}` : '');
    };
    lines.push(`given the ${h.kind} ${h.name || h.path} (${h.path}, probability ${h.probability}): ${part(1)}; ${part(0)}`);
  }
  return lines;
}

function showGiven(res) {
  const ul = $('#mc-given');
  ul.replaceChildren();
  for (const line of res ? givenLines(res) : []) {
    const li = document.createElement('li');
    li.textContent = line;
    ul.append(li);
  }
}

async function runMc() {
  if (!state.text || mc.job) return;
  const job = jobId();
  mc.job = job;
  $('#mc-run').disabled = true;
  $('#mc-cancel').disabled = false;
  $('#mc-progress').value = 0;
  say('starting …');
  showGiven(null);
  const params = { ...simParams(), samples: $('#mc-samples').value, what: $('#mc-what').value, seed: $('#mc-seed').value, job };
  // simulate's switches mean nothing to the other evaluators
  if (params.what !== 'simulate') for (const { name } of pageParams('simulate')) delete params[name];
  poll(job);
  const run = { charts: {}, errors: {}, results: {}, label: `Monte Carlo ${mc.runs + 1}` };
  try {
    const got = await call('montecarlo', params);
    run.charts = got.charts;
    run.results.montecarlo = got.result;
    if (params.what === 'forecast') {
      // the deterministic forecast beside the distributions: `forecast` at
      // the point values, with the Monte Carlo's model
      const fp = params.model ? { model: params.model } : {};
      try { run.results.forecast = (await call('forecast', fp)).result; } catch (e) { run.errors.forecast = e.message; }
      run.charts.mc_forecast = mcForecastSpec(got.result, run.results.forecast || null);
    }
    $('#mc-progress').value = 1;
    say(`${run.label}: ${summary(got.result)} · ${got.ms} ms`);
    showGiven(got.result);
  } catch (e) {
    run.errors.montecarlo = e.message;
    say(e.message, true);
  }
  mc.job = null;
  $('#mc-run').disabled = false;
  $('#mc-cancel').disabled = true;
  if (run.errors.montecarlo && /cancelled/.test(run.errors.montecarlo)) {
    mc.cancelled = (mc.cancelled || 0) + 1;
    return; // nothing to draw: the last drawing stays
  }
  if (mc.current) mc.previous = mc.current;
  mc.current = run;
  mc.runs++;
  await drawMc();
  mc.drawn = mc.runs;
}

$('#mc-run').addEventListener('click', runMc);
$('#mc-cancel').addEventListener('click', async () => {
  if (!mc.job) return;
  say('cancelling …');
  await fetch(`api/jobs/${mc.job}`, { method: 'DELETE' });
});
document.addEventListener('parley:opened', () => { $('#mc-run').disabled = !state.text || !!mc.job; });
