// editor_test.mjs URL PARLEY TMPDIR — the scenario editor in Debian's
// chromium (playwright-core). First the round trip without the browser:
// each example's tree (POST /api/tree) written back as YAML by
// web/yamlout.js loads to the same scenario (`parley eval` and, for
// Ukraine, `parley simulate` give the same numbers as the original file).
// Then in the page: a salience and a BATNA written as a distribution are
// edited, a salience out of range gets the loader's message at its field,
// undo takes it back, the download loads in the CLI, and "Use in the page"
// shows the CLI's evaluation of the downloaded file; the download is the
// file with only the edited lines changed (every comment kept); renaming
// an actor onto a taken id is refused at the field, and a rename carries
// every reference (the download passes `parley check`).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { toYaml } from '../../web/yamlout.js';

const [url, parley, tmp] = process.argv.slice(2);
let passed = 0, failed = 0, step = 'start';
const check = (cond, what) => { if (cond) passed++; else { failed++; console.log(`FAIL: ${what}`); } };
const cli = (...args) => JSON.parse(execFileSync(parley, [...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
// a result without what names the file (its path and the text's hash)
const numbers = (r) => { const c = structuredClone(r); delete c.scenario; return c; };

// ---- the round trip: tree -> YAML -> the same numbers
for (const ex of ['ukraine-2025', 'jcpoa-2015']) {
  step = `the round trip of ${ex}`;
  const text = readFileSync(`examples/${ex}.yaml`, 'utf8');
  const r = await fetch(`${url}api/tree?name=${ex}.yaml`, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text });
  const tree = (await r.json()).result;
  const out = join(tmp, `${ex}-roundtrip.yaml`);
  writeFileSync(out, toYaml(tree));
  const same = isDeepStrictEqual(numbers(cli('eval', out)), numbers(cli('eval', `examples/${ex}.yaml`)));
  check(same, `${ex}: the YAML written from its tree evaluates as the file does`);
  const top = (t) => t.i.map(([k]) => k).join(',');
  const back = await (await fetch(`${url}api/tree`, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: readFileSync(out) })).json();
  check(top(back.result) === top(tree), `${ex}: every section kept, in order (${top(tree)})`);
  if (ex === 'ukraine-2025')
    check(isDeepStrictEqual(numbers(cli('simulate', out)), numbers(cli('simulate', `examples/${ex}.yaml`))), `${ex}: simulates as the file does`);
}

const profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, acceptDownloads: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const E = (page) => page.evaluate(() => ({ checked: window.parley.editor.checked, errorField: window.parley.editor.errorField,
  seq: window.parley.editor.seq, undo: window.parley.editor.undo.length }));
const settle = (page, want) => page.waitForFunction((w) => {
  const e = window.parley.editor;
  return e.checked !== null && (w === 'ok' ? e.checked === 'ok' : e.checked !== 'ok');
}, want, { timeout: 30000 });
const edit = async (page, label, value) => {
  const before = (await E(page)).seq;
  await page.fill(`#editor input[data-field="${label}"]`, value);
  await page.press(`#editor input[data-field="${label}"]`, 'Tab');
  await page.waitForFunction((s) => window.parley.editor.seq > s, before, { timeout: 30000 });
};
try {
  const page = browser.pages()[0] || await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('#example option[value="ukraine-2025"]', { state: 'attached', timeout: 15000 });
  await page.selectOption('#example', 'ukraine-2025');
  step = 'the first run of the example';
  await page.waitForFunction(() => window.parley.runs === 1 && !window.parley.state.busy && window.parley.builder.model, null, { timeout: 180000 });
  step = 'the editor';
  await page.click('#editor summary');
  await page.waitForFunction(() => window.parley.editor.loaded >= 1, null, { timeout: 30000 });
  await settle(page, 'ok');
  const rows = await page.$$eval('#editor-tables table', (ts) => ts.map((t) => t.rows.length - 1));
  check(rows[0] === 5 && rows[1] === 14 && rows[3] === 5, `a row per actor, issue and proposal (${rows})`);
  const kept = await page.textContent('#editor-tables p.note');
  check(/simulation/.test(kept), `the other sections are named as kept: ${kept}`);
  step = 'a salience and a distribution';
  await edit(page, 'stances.RUS.nato.salience', '0.8');
  await settle(page, 'ok');
  await edit(page, 'actors.UKR.batna', '{value: 0.42, dist: uniform, min: 0.4, max: 0.5}');
  await settle(page, 'ok');
  step = 'a salience out of range';
  await edit(page, 'stances.RUS.nato.salience', '1.5');
  await settle(page, 'bad');
  const e1 = await E(page);
  const msg = await page.textContent('#editor-message');
  const cls = await page.getAttribute('#editor input[data-field="stances.RUS.nato.salience"]', 'class');
  check(e1.errorField === 'stances.RUS.nato.salience' && /salience/.test(msg) && /error/.test(cls),
        `the message at its field (${e1.errorField}: ${msg})`);
  step = 'undo';
  await page.click('#editor-undo');
  await settle(page, 'ok');
  const back = await page.inputValue('#editor input[data-field="stances.RUS.nato.salience"]');
  check(back === '0.8', `undo took the salience back to 0.8 (${back})`);
  step = 'download and use'; // the CLI loads it; "use" shows the CLI's numbers of that file
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#editor-download')]);
  const saved = join(tmp, 'edited.yaml');
  await dl.saveAs(saved);
  check(dl.suggestedFilename() === 'ukraine-2025-edited.yaml', `the download's name: ${dl.suggestedFilename()}`);
  const mine = cli('eval', saved);
  check(mine.proposals[0].actors.find((a) => a.id === 'UKR').batna === 0.42, 'the downloaded file has UKR\'s BATNA 0.42');
  await page.click('#editor-use');
  await page.waitForFunction(() => window.parley.runs === 2 && !window.parley.state.busy, null, { timeout: 180000 });
  const pageEval = await page.evaluate(() => window.parley.state.current.results.eval);
  check(isDeepStrictEqual(numbers(pageEval), numbers(mine)), 'the page evaluates the edited scenario as the CLI does the download');
  const u = await E(page);
  check(u.undo === 2 && u.checked === 'ok', `the editor keeps its undo after "Use" (${u.undo})`);
  if (process.env.EDITOR_SHOT) await page.locator('#editor').screenshot({ path: process.env.EDITOR_SHOT });
  step = 'comments kept';
  const comments = (t) => t.split('\n').filter((l) => /^\s*#/.test(l) || /\s#\s/.test(l));
  const original = readFileSync('examples/ukraine-2025.yaml', 'utf8');
  const savedText = readFileSync(saved, 'utf8');
  const changedLines = savedText.split('\n').filter((l, k) => l !== original.split('\n')[k]);
  check(isDeepStrictEqual(comments(savedText), comments(original)) && changedLines.length === 2,
        `the download is the file with two lines edited, every comment kept (${changedLines.length} lines differ)`);
  const mode = await page.textContent('#editor-mode');
  check(/2 edits: comments and layout kept/.test(mode), `the page says how it writes the file: ${mode}`);
  step = 'a rename refused';
  const seq0 = (await E(page)).seq, undo0 = (await E(page)).undo;
  await page.fill('#editor input[data-field="actors.UKR.id"]', 'RUS');
  await page.press('#editor input[data-field="actors.UKR.id"]', 'Tab');
  await page.waitForFunction(() => window.parley.editor.refused, null, { timeout: 30000 });
  const refusedAt = await page.textContent('#editor-message');
  const after0 = await E(page);
  check(/'RUS' is already an actor/.test(refusedAt) && after0.undo === undo0 && after0.seq === seq0,
        `a rename onto a taken id is refused at the field, nothing changed (${refusedAt})`);
  step = 'a rename';
  await edit(page, 'actors.UKR.id', 'UA');
  await settle(page, 'ok');
  const ren = await page.evaluate(() => window.parley.editor.renamed);
  check(ren && ren.references > 5, `UKR renamed with its references (${ren && ren.references})`);
  const stanceRow = await page.locator('#editor input[data-field="stances.UA.nato.salience"]').count();
  check(stanceRow === 1, 'the stances follow the rename');
  step = 'an option renamed';
  await page.selectOption('#editor-option', JSON.stringify(['nato', 'constitutional-ban']));
  await page.fill('#editor-option-to', 'const-ban');
  const seq1 = (await E(page)).seq;
  await page.click('#editor-option-rename');
  await page.waitForFunction((s) => window.parley.editor.seq > s, seq1, { timeout: 30000 });
  await settle(page, 'ok');
  const ren2 = await page.evaluate(() => window.parley.editor.renamed);
  const said = await page.textContent('#editor-status');
  check(ren2.references > 3 && said.includes(`renamed option 'constitutional-ban' of 'nato' to 'const-ban': ${ren2.references} references`),
        `the option renamed with its references: ${said}`);
  const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('#editor-download')]);
  const saved2 = join(tmp, 'renamed.yaml');
  await dl2.saveAs(saved2);
  let checks = true;
  try { execFileSync(parley, ['check', saved2], { stdio: 'pipe' }); } catch (e) { checks = false; }
  const ev2 = cli('eval', saved2);
  const us = ev2.proposals.find((p) => p.id === 'us-28-point').positions.find((p) => p.issue === 'nato');
  check(checks && ev2.proposals[0].actors.some((a) => a.id === 'UA') && !ev2.proposals[0].actors.some((a) => a.id === 'UKR') &&
        us.position === 'const-ban', `the renamed download passes parley check, with UA for UKR and const-ban on nato (${us.position})`);
  check(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
} catch (e) {
  failed++;
  console.log(`FAIL: waiting for ${step}: ${e.message}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`editor: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
