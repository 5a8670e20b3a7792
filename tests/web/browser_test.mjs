// browser_test.mjs URL SCREENSHOT REPORT — the web application in Debian's
// chromium, driven by playwright-core: opens the page, loads the Ukraine
// example (which runs eval, space, forecast and simulate), checks every
// chart drew marks from non-empty data, changes a BATNA and a what-if
// switch and runs again, checks the previous run is shown beside the new
// one, runs a Monte Carlo (one cancelled with progress shown, one to the
// end), saves a screenshot of the simulation, and opens the HTML report.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, shot, report] = process.argv.slice(2);
let passed = 0, failed = 0;
let step = 'start'; // what the test was waiting for, named in a failure
const check = (cond, what) => {
  if (cond) passed++;
  else { failed++; console.log(`FAIL: ${what}`); }
};

const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
// A new empty profile (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = browser.pages()[0] || await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // the cancelled request answers 409 and a progress poll after the end 404: expected
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource.*status of 40[49]/.test(m.text())) errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('#example option[value="ukraine-2025"]', { state: 'attached', timeout: 15000 });
  await page.selectOption('#example', 'ukraine-2025');
  step = 'the first run of the example';
  await page.waitForFunction(() => window.parley && window.parley.runs === 1 &&
                             Object.keys(window.parley.views).length === 6, null, { timeout: 180000 });
  const title = await page.textContent('#title');
  check(title.includes('Ukraine'), `title names the scenario: ${title}`);
  const status = await page.textContent('#status');
  check(/eval \d+ ms/.test(status) && !/failed/.test(status), `status after the run: ${status}`);

  // every chart: an SVG with marks, and the view's data non-empty
  for (const name of ['proposals', 'positions', 'space', 'forecast', 'sim_trace', 'sim_moves']) {
    const marks = await page.locator(`[data-chart="${name}"] .cur svg .role-mark > *`).count();
    check(marks > 0, `${name}: ${marks} marks drawn`);
    const rows = await page.evaluate((n) => {
      const v = window.parley.views[n];
      const names = Object.keys(v.getState({ data: (x) => true, signals: () => false }).data || {});
      return names.reduce((s, d) => { try { return s + v.data(d).length; } catch (e) { return s; } }, 0);
    }, name);
    check(rows > 0, `${name}: the view holds ${rows} data rows`);
  }
  // every forecast checked against the actors: a line per model
  const checks = await page.$$eval('#forecast-checks li', (ls) => ls.map((l) => l.textContent));
  check(checks.length === 6 && checks.every((l) => / of 5 actors accept/.test(l)),
        `forecast checks: ${checks.join(' | ')}`);
  // the simulation: its outcome line, the trace's lines per actor, the answers' symbols
  const outcome = await page.textContent('#sim-outcome');
  check(/run 1: (breakdown|agreement|no deal)/.test(outcome), `simulation outcome: ${outcome}`);
  const simRounds = await page.evaluate(() => window.parley.state.current.results.simulate.trace.length);
  const traceRows = await page.evaluate(() => window.parley.views.sim_trace.data('source_0').length);
  check(simRounds > 0 && traceRows === simRounds * 5 * 3, `sim_trace: ${traceRows} rows for ${simRounds} rounds`);
  const answers = await page.locator('[data-chart="sim_moves"] .cur svg .mark-symbol path').count();
  check(answers >= simRounds * 5, `sim_moves: ${answers} answer symbols`);
  // the controls come from GET /api/options (the option tables), not from the page
  const protocols = await page.$$eval('#sim-protocol option', (os) => os.map((o) => o.value));
  check(protocols.join() === ',alternating,mediated', `protocol choices from the tables: ${protocols}`);
  const whats = await page.$$eval('#mc-what option', (os) => os.map((o) => o.value));
  check(whats.join() === 'simulate,forecast,space', `Monte Carlo evaluators from the tables: ${whats}`);
  const horizonMin = await page.getAttribute('#sim-horizon', 'min');
  check(horizonMin === '1', `horizon's minimum from the tables: ${horizonMin}`);
  const roomSelects = await page.locator('#sim-room select').count();
  check(roomSelects === 5, `the room switches list the 5 actors (${roomSelects})`);

  // proposals: 5 proposals x 5 actors, each a symbol
  const symbols = await page.locator('section[data-chart="proposals"] .cur svg .mark-symbol path').count();
  check(symbols >= 25, `proposals: ${symbols} utility symbols (>= 25)`);
  // the agreement space's actor selectors are bound inputs
  const selects = await page.locator('section[data-chart="space"] .cur .vega-bindings select').count();
  check(selects === 2, `space: ${selects} actor selectors`);
  await page.locator('section[data-chart="space"] .cur .vega-bindings select').first().selectOption('USA');
  const x = await page.evaluate(() => window.parley.views.space.signal('x_actor'));
  check(x === 'USA', `space: x axis switched to ${x}`);

  // change Ukraine's BATNA and run again: the previous run stays beside the new
  await page.click('#edit-panel summary');
  const batna = page.locator('#edit-batna input[data-what*="UKR"]');
  await batna.fill('0.42');
  // and two what-if switches: no walk-away threat, alternating offers
  await page.check('#sim-form input[value="walk-away"]');
  await page.selectOption('#sim-protocol', 'alternating');
  await page.click('#run');
  step = 'the second run';
  await page.waitForFunction(() => window.parley.runs === 2 && !window.parley.state.busy, null, { timeout: 180000 });
  const prev = await page.locator('section[data-chart="proposals"] .prev svg').count();
  check(prev === 1, 'the previous run is drawn beside the new one');
  const edited = await page.evaluate(() => window.parley.state.text.includes('batna: {value: 0.42,'));
  check(edited, 'the edited BATNA is in the scenario text sent');
  const errs2 = await page.evaluate(() => JSON.stringify(window.parley.state.current.errors));
  check(errs2 === '{}', `second run without errors: ${errs2}`);
  const ukr = await page.evaluate(() => window.parley.state.current.results.eval && window.parley.state.current.results.eval.proposals[0].actors
    .find((a) => a.id === 'UKR').batna);
  check(ukr === 0.42, `the new run used UKR's BATNA 0.42 (got ${ukr})`);
  const simPrev = await page.locator('[data-chart="sim_trace"] .prev svg').count();
  check(simPrev === 1, 'the previous simulation is drawn beside the new one');
  const simParams = await page.evaluate(() => window.parley.state.current.results.simulate.parameters);
  check(simParams.without === 'walk-away' && simParams.protocol === 'alternating',
    `the new simulation used the switches: ${JSON.stringify(simParams)}`);
  const simNow = await page.evaluate(() => window.parley.views.sim_moves.data('source_0').length);
  check(simNow > 0, `the new simulation's moves chart holds ${simNow} rows`);

  // Monte Carlo: a long run shows its progress and is cancelled; a short one is drawn
  await page.fill('#mc-samples', '1000000');
  await page.click('#mc-run');
  step = 'Monte Carlo progress';
  await page.waitForFunction(() => window.parley.mc.lastProgress && window.parley.mc.lastProgress.done > 0,
    null, { timeout: 120000 });
  const bar = await page.evaluate(() => document.querySelector('#mc-progress').value);
  check(bar > 0 && bar < 1, `the progress bar moved (${bar})`);
  await page.click('#mc-cancel');
  step = 'the cancelled Monte Carlo';
  await page.waitForFunction(() => window.parley.mc.cancelled === 1 && !window.parley.mc.job, null, { timeout: 120000 });
  const mcStatus = await page.textContent('#mc-status');
  check(/cancelled/.test(mcStatus), `Monte Carlo status after cancel: ${mcStatus}`);
  await page.fill('#mc-samples', '500');
  await page.click('#mc-run');
  step = 'the short Monte Carlo';
  await page.waitForFunction(() => window.parley.mc.drawn === 1, null, { timeout: 180000 });
  for (const name of ['mc_outcome', 'mc_round', 'mc_terms']) {
    const marks = await page.locator(`[data-mc="${name}"] .cur svg .role-mark > *`).count();
    check(marks > 0, `${name}: ${marks} marks drawn`);
  }
  const mcRows = await page.evaluate(() => window.parley.views.mc_outcome.data('source_0').length);
  // agreement, no deal by the horizon, and the two breakdowns (docs/simulation.md)
  check(mcRows === 4, `mc_outcome: ${mcRows} outcomes`);
  check(/agreement [\d.]+% \(95%/.test(await page.textContent('#mc-status')), 'Monte Carlo summary line');
  check(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
  await page.click('#edit-panel summary'); // fold it for the picture
  if (shot) { // the simulation, the previous run beside the new one
    await page.locator('#simulation').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('#simulation').scrollIntoView());
    await page.screenshot({ path: shot, fullPage: false });
  }

  // the HTML report of `parley report`: offline, every chart drawn
  if (report) {
    const rp = await browser.newPage();
    const requests = [];
    rp.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    rp.on('pageerror', (e) => errors.push(`report: ${e.message}`));
    await rp.goto(`file://${report}`);
    step = 'the charts of the report';
  await rp.waitForFunction(() => document.querySelectorAll('.chart svg').length === 6, null, { timeout: 120000 });
    check(await rp.locator('[data-spec="spec-sim_trace"] svg').count() === 1, 'the report has the simulation trace');
    for (let k = 0; k < 6; k++) {
      const marks = await rp.locator('.chart').nth(k).locator('svg .role-mark > *').count();
      check(marks > 0, `report chart ${k}: ${marks} marks`);
    }
    check(requests.length === 0, `the report loads nothing from the network: ${requests.join(' ')}`);
    check(errors.length === 0, `no report errors: ${errors.join(' | ')}`);
    await rp.close();
  }
} catch (e) {
  failed++;
  console.log(`FAIL: waiting for ${step}: ${e.message}`);
  try {
    const st = await browser.pages()[0].evaluate(() => JSON.stringify({
      status: document.querySelector('#status') && document.querySelector('#status').textContent,
      mc: document.querySelector('#mc-status') && document.querySelector('#mc-status').textContent,
      busy: window.parley && window.parley.state && window.parley.state.busy,
      errors: window.parley && window.parley.state && window.parley.state.current &&
        window.parley.state.current.errors }));
    console.log(`  page state: ${st}`);
  } catch (e2) { /* the page is gone */ }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
