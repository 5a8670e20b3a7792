// package_test.mjs OUTDIR — web/package.js (the page's "save as proposal")
// on the layouts a scenario's proposals take: appends a package to each
// case and writes the result to OUTDIR/NAME.yaml|json with the expected
// proposal in OUTDIR/NAME.want (id and positions as JSON), which
// tests/web_package_test.sh loads back with `parley eval`. Also checks the
// refusals and freeId in-process.
import { appendProposal, freeId } from '../../web/package.js';
import { readFileSync, writeFileSync } from 'node:fs';

const [out] = process.argv.slice(2);
let failed = 0;
const check = (cond, what) => { if (!cond) { failed++; console.log(`FAIL: ${what}`); } };

const small = readFileSync('tests/golden-http/small.json', 'utf8');
const ukraine = readFileSync('examples/ukraine-2025.yaml', 'utf8');
const toy = readFileSync('tests/data/linked/toy.yaml', 'utf8');
// small.json as YAML in three layouts: a block list, an empty flow list, none
const head = `parley: 1
scenario: {id: h, name: H}
actors:
  - {id: A, capability: 1, batna: 0.4}
  - {id: B, capability: 1, batna: 0.3}
issues:
  - {id: fee, scale: {lo: 0, hi: 100, unit: EUR}}
  - {id: access, options: [closed, "limited", open]}
stances:
  A: {fee: {ideal: 100, salience: 0.8}, access: {ideal: closed, salience: 0.4}}
  B: {fee: {ideal: 0, salience: 0.5}, access: {ideal: open, salience: 0.9}}
`;
const cases = {
  'ukraine': [ukraine, { id: 'built', name: 'Built "in" the page', positions: { nato: 'no-consensus', 'army-cap': 612345.5, elections: null } }],
  'linked': [toy, { id: 'mine', positions: { enrichment: 3.67, centrifuges: 1000, relief: 'phased', sunset: null } }],
  'json': [small, { id: 'built', name: 'x', positions: { fee: 12.25, access: 'open' } }],
  'block-comments': [`${head}proposals:\n- id: p1\n  positions: {fee: 10}\n\n# trailing comment\n\nsimulation: {horizon: 3}\n`,
    { id: 'p2', positions: { fee: 1e-3, access: 'limited' } }],
  'empty-flow': [`${head}proposals: []\n`, { id: 'p1', positions: { access: 'closed' } }],
  'absent': [head, { id: 'p1', positions: { fee: 50 } }],
  'all-open': [`${head}proposals:\n  - id: p1\n    positions:\n      fee: 10\n`, { id: 'p2', positions: { fee: null, access: null } }],
};
for (const [name, [text, p]] of Object.entries(cases)) {
  const got = appendProposal(text, p);
  check(got.startsWith(name === 'json' ? '{' : text.replace(/proposals: \[\]\n$/, '').slice(0, 40)),
        `${name}: the text before the proposals is kept`);
  const ext = name === 'json' ? 'json' : 'yaml';
  writeFileSync(`${out}/${name}.${ext}`, got);
  writeFileSync(`${out}/${name}.want`, JSON.stringify(p));
}
// the rest of a YAML file is untouched: only lines are added
const added = appendProposal(ukraine, cases.ukraine[1]).split('\n');
const orig = ukraine.split('\n');
let k = 0;
for (const line of added) if (k < orig.length && line === orig[k]) k++;
check(k === orig.length, `ukraine: every original line kept in order (${k} of ${orig.length})`);
// an inline non-empty list is refused with the line named
try {
  appendProposal(`${head}proposals: [{id: p1, positions: {fee: 1}}]\n`, { id: 'p2', positions: {} });
  check(false, 'an inline proposals list is refused');
} catch (e) {
  check(/^line 12: the proposals are written inline/.test(e.message), `inline refusal: ${e.message}`);
}
check(freeId('built', ['a', 'b']) === 'built', 'freeId: free');
check(freeId('built', ['built', 'built-2']) === 'built-3', 'freeId: taken');
console.log(`package: ${failed ? 'FAILED' : 'ok'}`);
process.exit(failed ? 1 : 0);
