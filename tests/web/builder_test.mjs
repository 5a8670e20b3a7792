// builder_test.mjs URL PARLEY TMPDIR — the package builder, the tables
// beside the charts, why-no-deal and the amend/trades view in Debian's
// chromium (playwright-core). The verdicts shown are checked against
// `parley eval` of the saved scenario; the latency of a click (to the frame
// that shows its verdicts) is measured over 30 clicks and printed: it is a
// figure for docs/web.md, not a pass/fail bound (benchmarks are not tests).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, parley, tmp] = process.argv.slice(2);
let passed = 0, failed = 0, step = 'start';
const check = (cond, what) => { if (cond) passed++; else { failed++; console.log(`FAIL: ${what}`); } };
const close = (a, b) => a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12);

const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, acceptDownloads: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const B = (page) => page.evaluate(() => {
  const b = window.parley.builder;
  return { seq: b.seq, shown: b.shown, inflight: !!b.inflight, positions: b.positions, last: b.last,
           latency: b.latency, amended: b.amended };
});
// waits until the builder shows the verdicts of its latest package
const settled = (page) => page.waitForFunction(() => {
  const b = window.parley.builder;
  return b.shown === b.seq && !b.inflight && !b.pending;
}, null, { timeout: 60000 });
const verdicts = (page) => page.$$eval('#builder-verdicts tbody tr', (rs) => Object.fromEntries(rs.map((r) =>
  [r.dataset.actor, { verdict: r.className, red: r.children[4].textContent }])));

try {
  const page = browser.pages()[0] || await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('#example option[value="ukraine-2025"]', { state: 'attached', timeout: 15000 });
  await page.selectOption('#example', 'ukraine-2025');
  step = 'the example and the builder';
  await page.waitForFunction(() => window.parley.runs === 1 && window.parley.builder.shown > 0 &&
                             !window.parley.state.busy, null, { timeout: 180000 });
  await settled(page);

  // starts from the first proposal: the same numbers as the page's eval of it
  const b0 = await B(page);
  const ev = await page.evaluate(() => window.parley.state.current.results.eval.proposals[0]);
  check(b0.last.actors.every((a, i) => close(a.utility, ev.actors[i].utility) && a.verdict === ev.actors[i].verdict),
        'the builder starts from us-28-point with its evaluation');
  const issues = await page.$$eval('#builder-issues tr', (rs) => rs.length);
  check(issues === 14, `a row per issue (${issues})`);
  const nOpts = await page.locator('#builder-issues [data-issue="nato"] button').count();
  check(nOpts === 4, `nato: three options and 'leave open' (${nOpts})`);

  // a click: NATO no-consensus moves the red line from UKR to RUS
  await page.click('#builder-issues [data-issue="nato"] button[data-value="no-consensus"]');
  await settled(page);
  let v = await verdicts(page);
  check(v.RUS.red.split(', ').includes('nato') && !v.UKR.red.split(', ').includes('nato'), `nato no-consensus: RUS '${v.RUS.red}', UKR '${v.UKR.red}'`);
  check(v.RUS.verdict === 'reject', 'RUS rejects a package crossing its red line');

  // the latency of a click: 30 option clicks, each waited for
  const rows = await page.$$eval('#builder-issues tr', (rs) => rs.map((r) => ({
    issue: r.dataset.issue, values: [...r.querySelectorAll('button.opt:not(.open-opt)')].map((b) => b.dataset.value) })));
  const discrete = rows.filter((r) => r.values.length);
  const before = (await B(page)).latency.length;
  for (let k = 0; k < 30; k++) {
    const r = discrete[k % discrete.length];
    const val = r.values[(k >> 1) % r.values.length];
    await page.click(`#builder-issues [data-issue="${r.issue}"] button[data-value="${val}"]`);
    await settled(page);
    const got = await B(page);
    if (got.positions[r.issue] !== val) { check(false, `click ${k}: ${r.issue} = ${got.positions[r.issue]}, not ${val}`); break; }
  }
  const lat = (await B(page)).latency.slice(before).sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
  console.log(`builder latency over ${lat.length} clicks (click to the frame showing the verdicts): ` +
              `median ${q(0.5)} ms, 90th percentile ${q(0.9)} ms, max ${lat[lat.length - 1].toFixed(1)} ms`);
  check(lat.length === 30, `30 clicks measured (${lat.length})`);

  // the slider: army-cap moves, the package follows
  await page.evaluate(() => {
    const r = document.querySelector('#builder-issues [data-issue="army-cap"] input[type=range]');
    r.value = '900000';
    r.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settled(page);
  let st = await B(page);
  check(st.positions['army-cap'] === 900000, `slider: army-cap ${st.positions['army-cap']}`);
  check(st.last.positions.find((p) => p.issue === 'army-cap').position === 900000, 'the engine evaluated army-cap 900000');
  // out of the scale in the number box: a message, the package unchanged
  await page.fill('#builder-issues [data-issue="army-cap"] input[type=number]', '5');
  await page.dispatchEvent('#builder-issues [data-issue="army-cap"] input[type=number]', 'change');
  const msg = await page.textContent('#builder-status');
  check(/army-cap: a position from 400000 to 1000000 troops/.test(msg), `out-of-scale message: ${msg}`);
  // leave an issue open: verdicts may depend on it, the utility is a range
  await page.click('#builder-issues [data-issue="sanctions"] button.open-opt');
  await settled(page);
  st = await B(page);
  check(st.positions.sanctions === null && st.last.open_issues.includes('sanctions'), 'sanctions left open');
  const util = await page.textContent('#builder-verdicts tbody tr[data-actor="RUS"] td');
  check(/ to /.test(util), `an open issue shows the utility's range: ${util}`);

  // save: the scenario with the package appended, loaded back by the CLI
  await page.fill('#builder-save-id', 'page-package');
  await page.fill('#builder-save-name', 'Built in the browser test');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#builder-save')]);
  const saved = join(tmp, dl.suggestedFilename());
  await dl.saveAs(saved);
  check(/ukraine-2025-edited\.yaml$/.test(saved), `download name: ${saved}`);
  const checked = execFileSync(parley, ['check', saved], { encoding: 'utf8' });
  check(/page-package/.test(checked), 'parley check lists the saved proposal');
  const cli = JSON.parse(execFileSync(parley, ['eval', saved, '--proposal', 'page-package', '--format', 'json'],
                                      { encoding: 'utf8' })).proposals[0];
  st = await B(page);
  check(cli.name === 'Built in the browser test', `saved name: ${cli.name}`);
  const same = cli.actors.every((a, i) => close(a.utility_min, st.last.actors[i].utility_min) &&
    close(a.utility_max, st.last.actors[i].utility_max) && a.verdict === st.last.actors[i].verdict &&
    a.red_lines_crossed.join() === st.last.actors[i].red_lines_crossed.join());
  check(same, 'the saved proposal evaluates as the page showed it (parley eval, to 1e-12)');
  check(readFileSync(saved, 'utf8').startsWith(await page.evaluate(() => window.parley.state.text.slice(0, 2000))),
        'the saved file keeps the scenario text');

  // amend beside it (after the clicks settle)
  step = 'amend of the built package';
  await page.waitForFunction(() => window.parley.builder.amended > 0 &&
    !document.querySelector('#builder-amend').classList.contains('busy'), null, { timeout: 60000 });
  const amendText = await page.textContent('#builder-amend');
  check(/Closest acceptable packages/.test(amendText) && /Pareto improvements/.test(amendText), 'amend shown beside the builder');
  check(/Trades on built: \d+ found/.test(amendText), 'trades on the built package beside it');

  // why no deal, in the space section
  const why = await page.textContent('#why-no-deal');
  check(/dropping UKR's red line on 'nato' alone would make a deal/.test(why), `why no deal: ${why}`);
  // a copyable table beside every chart, with the chart's rows
  for (const name of ['proposals', 'positions', 'space', 'forecast', 'sim_trace', 'sim_moves']) {
    const sec = `[data-chart="${name}"] .cur`;
    const n = await page.locator(`${sec} details[data-table] table tr`).count();
    const want = await page.evaluate((nm) => {
      const s = window.parley.state.current.charts[nm];
      return s.data && s.data.values ? s.data.values.length : Object.values(s.datasets)[0].length;
    }, name);
    check(n === Math.min(want, 5000) + 1, `${name}: table of ${n - 1} rows for ${want}`);
  }
  await page.click('[data-chart="proposals"] .cur details[data-table] summary');
  await page.click('[data-chart="proposals"] .cur details[data-table] button.copy');
  const tsv = await page.evaluate(() => document.querySelector('[data-chart="proposals"] .cur details[data-table]').dataset.copied);
  check(tsv && tsv.split('\n')[0].split('\t').includes('utility') && tsv.trim().split('\n').length === 26,
        'Copy gives the 25 rows as tab-separated text');

  // amend and trades on a proposal
  await page.selectOption('#onprop-proposal', 'us-28-point');
  await page.click('#onprop-run');
  step = 'amend and trades on us-28-point';
  await page.waitForFunction(() => window.parley.onProposal === 1, null, { timeout: 60000 });
  const trades = await page.locator('#onprop-trades table.data tr').count();
  check(trades > 1, `trades on us-28-point: ${trades - 1} rows`);
  check(/Trades on us-28-point: \d+ found/.test(await page.textContent('#onprop-trades')), 'trades heading');
  check(/Closest acceptable packages/.test(await page.textContent('#onprop-amend')), 'amend of us-28-point');

  // a linked scenario: a broken constraint and a conditional red line
  step = 'the linked scenario';
  const runs = await page.evaluate(() => window.parley.runs);
  await page.setInputFiles('#file', 'tests/data/linked/toy.yaml');
  await page.waitForFunction((n) => window.parley.runs === n + 1 && !window.parley.state.busy &&
    window.parley.builder.model.scenario.id === 'linked-toy', runs, { timeout: 120000 });
  await page.selectOption('#builder-from', 'bad');
  await settled(page);
  const feas = await page.textContent('#builder-feasible');
  check(feas === 'not a feasible package: breaks constraint enrichment-needs-centrifuges', `infeasible: ${feas}`);
  v = await verdicts(page);
  check(/relief-needs-long-limits \(conditional\)/.test(v.USA.red) && v.USA.verdict === 'reject',
        `USA's conditional red line: ${v.USA.red}`);
  // mend both: centrifuges up to 1000+, sunset past 10
  await page.evaluate(() => {
    for (const [issue, x] of [['centrifuges', '2000'], ['sunset', '15']]) {
      const r = document.querySelector(`#builder-issues [data-issue="${issue}"] input[type=range]`);
      r.value = x;
      r.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await settled(page);
  const feas2 = await page.textContent('#builder-feasible');
  v = await verdicts(page);
  check(!/not a feasible/.test(feas2) && !/relief-needs/.test(v.USA.red), `mended: ${feas2}; USA '${v.USA.red}'`);
  // scratch: every issue open
  await page.selectOption('#builder-from', '');
  await settled(page);
  st = await B(page);
  check(Object.values(st.positions).every((x) => x === null) && st.last.open_issues.length === 4, 'from scratch: all open');
  // a scenario whose proposals are an inline list: the builder says so, nothing breaks
  step = 'the inline-list scenario';
  const inline = join(tmp, 'inline.yaml');
  writeFileSync(inline, `parley: 1
scenario: {id: inline, name: Inline list}
actors:
  - {id: A, capability: 1, batna: 0.4}
  - {id: B, capability: 1, batna: 0.3}
issues:
  - {id: fee, scale: {lo: 0, hi: 100, unit: EUR}}
  - {id: access, options: [closed, limited, open]}
stances:
  A: {fee: {ideal: 100, salience: 0.8}, access: {ideal: closed, salience: 0.4}}
  B: {fee: {ideal: 0, salience: 0.5}, access: {ideal: open, salience: 0.9}}
proposals: [{id: p1, positions: {fee: 10, access: limited}}]
`);
  const runs2 = await page.evaluate(() => window.parley.runs);
  await page.setInputFiles('#file', inline);
  await page.waitForFunction((n) => window.parley.runs === n + 1 && !window.parley.state.busy &&
    window.parley.builder.model.scenario.id === 'inline', runs2, { timeout: 120000 });
  const said = await page.textContent('#builder-status');
  check(/^line 12: the proposals are written inline/.test(said), `inline list: ${said}`);
  check(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
  await page.setInputFiles('#file', 'tests/data/linked/toy.yaml');
  await page.waitForFunction(() => !window.parley.state.busy && window.parley.builder.model.scenario.id === 'linked-toy' &&
    window.parley.builder.shown === window.parley.builder.seq, null, { timeout: 120000 });
  if (process.env.BUILDER_SHOT) {
    await page.selectOption('#builder-from', 'jcpoa');
    await settled(page);
    await page.locator('#builder').screenshot({ path: process.env.BUILDER_SHOT });
  }
} catch (e) {
  failed++;
  console.log(`FAIL: waiting for ${step}: ${e.message}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`builder: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
