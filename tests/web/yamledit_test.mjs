// yamledit_test.mjs URL PARLEY TMPDIR — the scenario editor's minimal-edit
// writer (web/yamledit.js) and id renames (web/rename.js) on both examples,
// with the trees from a running `parley serve` (POST /api/tree) at URL:
//   - unchanged, the writer gives the file back byte for byte;
//   - a BATNA edited, an actor added (with a stance), a proposal removed:
//     a line diff of the file and the result shows exactly the BATNA's line
//     changed, the actor's and the stance's lines added and the proposal's
//     lines removed (so every comment, blank line and other line is the
//     file's), and `parley eval` of it equals `parley eval` of the same tree
//     written whole (yamlout.js), and shows the edits;
//   - an actor, an issue, an option and a proposal renamed: `parley check`
//     passes (no dangling reference) and `parley eval` (and, for Ukraine,
//     `parley simulate`) gives the file's numbers with the ids mapped; a
//     rename onto a taken id is refused.
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { tag, write, adopt } from '../../web/yamledit.js';
import { rename, references, SITES } from '../../web/rename.js';
import { toYaml, flow, get, scalar, idOf } from '../../web/yamlout.js';

const [url, parley, tmp] = process.argv.slice(2);
let passed = 0, failed = 0;
const check = (cond, what) => { if (cond) passed++; else { failed++; console.log(`FAIL: ${what}`); } };
// A connection per request (no keep-alive): a slow build (ASan) can leave
// a kept connection idle past the server's timeout between requests.
const tree = (text) => new Promise((ok, fail) => {
  const req = request(`${url}api/tree?name=t`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/yaml' } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (res.statusCode !== 200) fail(new Error(body.error.message)); else ok(body.result);
    });
  });
  req.on('error', fail);
  req.end(text);
});
const run = (args) => JSON.parse(execFileSync(parley, [...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const save = (name, text) => { const f = join(tmp, name); writeFileSync(f, text); return f; };
// the result without the header that names the file and its hash
const body = (j) => { const { scenario, parley_version, ...rest } = j; return rest; };

// Lines of a not in b and of b not in a (an LCS line diff).
function lineDiff(a, b) {
  const A = a.split('\n'), B = b.split('\n');
  const n = A.length, m = B.length;
  const L = new Int32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      L[i * (m + 1) + j] = A[i] === B[j] ? L[(i + 1) * (m + 1) + j + 1] + 1
        : Math.max(L[(i + 1) * (m + 1) + j], L[i * (m + 1) + j + 1]);
  const gone = [], added = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (A[i] === B[j]) { i++; j++; } else if (L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1]) gone.push(i++ + 1); else added.push(B[j++]);
  }
  while (i < n) gone.push(i++ + 1);
  while (j < m) added.push(B[j++]);
  return { gone, added };
}
const lineAt = (text, off) => Buffer.from(text).subarray(0, off).toString().split('\n').length;

for (const [file, actor, proposal, issueRen, optRen, sim] of [
  ['examples/ukraine-2025.yaml', 'UKR', 'e3-counter', ['nato', 'nato-path'], ['nato', 'constitutional-ban', 'const-ban'], true],
  ['examples/jcpoa-2015.yaml', 'IRN', 'lausanne', ['fordow', 'fordow-site'], ['fordow', 'research-centre', 'physics-centre'], false],
]) {
  const name = file.split('/').pop().replace('.yaml', '');
  const text = readFileSync(file, 'utf8');
  // ---- unchanged: the same bytes
  let root = await tree(text);
  let st = tag(root, text);
  const same = write(root, st);
  check(same.text === text, `${name}: unchanged, the writer gives the file back byte for byte`);

  // ---- a BATNA edited, an actor added with a stance, a proposal removed
  const actors = get(root, 'actors');
  const a = actors.i.find((x) => idOf(x) === actor);
  // the BATNA as the page's field edits it: its flow text retyped
  const batnaWas = get(a, 'batna');
  const typed = flow(batnaWas).replace(/^\{value: [0-9.]+/, '{value: 0.42');
  a.i.find(([k]) => k === 'batna')[1] = adopt(batnaWas, get(await tree(`x: ${typed}\n`), 'x'));
  const batnaValue = get(batnaWas, 'value');
  actors.i.push({ t: 'm', i: [['id', scalar('NEW')], ['name', scalar('A new actor', true)], ['capability', scalar('0.2')], ['batna', scalar('0.5')]] });
  const firstIssue = idOf(get(root, 'issues').i[0]);
  const firstOpt = get(get(root, 'issues').i[0], 'options');
  const ideal = firstOpt ? (firstOpt.i[0].t === 's' ? firstOpt.i[0].v : idOf(firstOpt.i[0])) : '0';
  get(root, 'stances').i.push(['NEW', { t: 'm', i: [[firstIssue, { t: 'm', i: [['salience', scalar('0.5')], ['ideal', scalar(ideal)]] }]] }]);
  const props = get(root, 'proposals');
  const gone = props.i.find((p) => idOf(p) === proposal);
  props.i.splice(props.i.indexOf(gone), 1);
  const w = write(root, st);
  check(!w.fallback, `${name}: the three edits are minimal (${w.fallback || ''})`);
  if (w.fallback) continue;
  const d = lineDiff(text, w.text);
  const bl = lineAt(text, batnaWas.r[0]);
  const pFirst = lineAt(text, gone.r[0]), pLast = lineAt(text, gone.r[1] - 1);
  const want = [bl, ...Array.from({ length: pLast - pFirst + 1 }, (_, k) => pFirst + k)].sort((x, y) => x - y);
  check(isDeepStrictEqual(d.gone, want), `${name}: the lines removed are the BATNA's (${bl}) and the proposal's (${pFirst}-${pLast}): got ${d.gone.join(',')}`);
  const tl = text.split('\n')[bl - 1];
  const wantAdded = [tl.replace(`value: ${batnaValue.v}`, 'value: 0.42'), '  - id: NEW', '    name: "A new actor"', '    capability: 0.2', '    batna: 0.5',
    '  NEW:', `    ${firstIssue}:`, '      salience: 0.5', `      ideal: ${ideal}`];
  check(isDeepStrictEqual([...d.added].sort(), [...wantAdded].sort()), `${name}: the lines added are the BATNA's and the new actor's and stance's: ${JSON.stringify(d.added)}`);
  const minimal = save(`${name}-edited.yaml`, w.text);
  const whole = save(`${name}-whole.yaml`, toYaml(root));
  const e1 = run(['eval', minimal]), e2 = run(['eval', whole]);
  check(isDeepStrictEqual(body(e1), body(e2)), `${name}: parley eval of the minimal edit equals that of the whole rewrite`);
  const ev = e1.proposals[0].actors;
  check(ev.find((x) => x.id === actor).batna === 0.42 && ev.some((x) => x.id === 'NEW') && !e1.proposals.some((p) => p.id === proposal),
    `${name}: the edits show in eval (BATNA 0.42, NEW, no ${proposal})`);
  // the error lines point at the node as written: the new BATNA's line
  check(w.lines.get(get(a, 'batna'))[0] === w.text.split('\n').findIndex((l) => l === wantAdded[0]) + 1,
    `${name}: the edited BATNA's line in the new text`);

  // ---- renames: actor, issue, option, proposal
  root = await tree(text);
  st = tag(root, text);
  const before = { eval: run(['eval', file]), sim: sim ? run(['simulate', file]) : null };
  let refused = '';
  try { rename(root, { kind: 'actor', id: actor }, idOf(actors.i[0] === a ? actors.i[1] : actors.i[0])); } catch (e) { refused = e.message; }
  check(/is already an actor/.test(refused), `${name}: a rename onto a taken id is refused (${refused})`);
  const map = { [actor]: `${actor}X`, [issueRen[0]]: issueRen[1], [optRen[1]]: optRen[2], [proposal]: `${proposal}-r` };
  const counts = [
    rename(root, { kind: 'actor', id: actor }, map[actor]),
    rename(root, { kind: 'option', issue: optRen[0], id: optRen[1] }, optRen[2]),
    rename(root, { kind: 'issue', id: issueRen[0] }, issueRen[1]),
    rename(root, { kind: 'proposal', id: proposal }, map[proposal]),
  ];
  check(counts.slice(0, 3).every((c) => c > 1) && counts[3] >= 1, `${name}: each rename changed its definition and references (${counts})`);
  check(references(root, { kind: 'actor', id: actor }).length === 0 && references(root, { kind: 'issue', id: issueRen[0] }).length === 0,
    `${name}: no reference to the old ids is left`);
  const rw = write(root, st);
  check(!rw.fallback, `${name}: the renames are minimal edits (${rw.fallback || ''})`);
  const renamed = save(`${name}-renamed.yaml`, rw.text || toYaml(root));
  let ok = true;
  try { execFileSync(parley, ['check', renamed], { encoding: 'utf8', stdio: 'pipe' }); } catch (e) { ok = false; console.log(e.stderr); }
  check(ok, `${name}: parley check passes after the renames`);
  // the file's results with the ids mapped: every string equal to an id,
  // every key, and ids as words in sentences
  const ids = Object.keys(map).sort((x, y) => y.length - x.length);
  const word = new RegExp(`(?<![A-Za-z0-9_.-])(${ids.map((x) => x.replace(/[.]/g, '\\.')).join('|')})(?![A-Za-z0-9_-])`, 'g');
  const mapIds = (v) => (typeof v === 'string' ? v.replace(word, (x) => map[x])
    : Array.isArray(v) ? v.map(mapIds) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [mapIds(k), mapIds(x)])) : v);
  const after = run(['eval', renamed]);
  const same1 = isDeepStrictEqual(body(after), body(mapIds(before.eval)));
  if (!same1) console.log(JSON.stringify(body(after)).slice(0, 300), '\n', JSON.stringify(body(mapIds(before.eval))).slice(0, 300));
  check(same1, `${name}: parley eval after the renames is the file's with the ids mapped`);
  if (sim) check(isDeepStrictEqual(body(run(['simulate', renamed])), body(mapIds(before.sim))), `${name}: parley simulate after the renames is the file's with the ids mapped`);
  const d2 = lineDiff(text, rw.text);
  // every comment line, and every comment after a value, as the file's
  const comments = (t) => t.split('\n').filter((l) => /^\s*#/.test(l));
  const tails = (t) => t.split('\n').map((l) => (/\s#\s.*$/.exec(l) || [''])[0]).filter(Boolean).sort();
  check(isDeepStrictEqual(comments(rw.text), comments(text)) && isDeepStrictEqual(tails(rw.text), tails(text)) &&
    d2.gone.every((k) => !/^\s*#/.test(text.split('\n')[k - 1])),
    `${name}: the renames touch no comment (${d2.gone.length} lines changed)`);
}
check(Object.values(SITES).every((l) => l.length > 0), 'the table of reference sites');
console.log(`yamledit: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
