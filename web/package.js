// package.js — a package as the scenario's own text: appends a proposal to
// a scenario (YAML or JSON) without touching anything else, so the text the
// builder evaluates is the one "Save" downloads and `parley check` loads.
// Pure functions (no DOM): tests/web/package_test.mjs runs them in node.

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-]*$/;

// A YAML scalar for a position: option ids and keys double-quoted (JSON
// string syntax is valid YAML), numbers as JavaScript's shortest round-trip.
function yamlKey(k) { return PLAIN_KEY.test(k) ? k : JSON.stringify(k); }
function yamlValue(v) { return typeof v === 'number' ? String(v) : JSON.stringify(String(v)); }

// positions: {issue: option id | number | null}; null (or absent) = open.
function decided(positions) {
  return Object.entries(positions).filter(([, v]) => v !== null && v !== undefined);
}

function yamlItem(indent, p) {
  const pad = indent + '  ';
  let s = `${indent}- id: ${yamlKey(p.id)}\n`;
  if (p.name) s += `${pad}name: ${JSON.stringify(p.name)}\n`;
  const d = decided(p.positions);
  if (!d.length) return `${s}${pad}positions: {}\n`;
  s += `${pad}positions:\n`;
  for (const [k, v] of d) s += `${pad}  ${yamlKey(k)}: ${yamlValue(v)}\n`;
  return s;
}

const TOP_KEY = /^[^\s#\-]/;          // a line that starts a new top-level key
const BLANK = /^\s*(#.*)?$/;          // blank or comment only

// Appends proposal p ({id, name, positions}) to YAML text; throws an Error
// with a message the page shows when the list is written in a way this
// does not edit (an inline, non-empty flow list).
function appendYaml(text, p) {
  const lines = text.replace(/\n$/, '').split('\n');
  let at = lines.findIndex((l) => /^proposals\s*:/.test(l));
  if (at < 0) {
    lines.push('proposals:');
    at = lines.length - 1;
  } else if (!/^proposals\s*:\s*(#.*)?$/.test(lines[at])) {
    if (!/^proposals\s*:\s*\[\s*\]\s*(#.*)?$/.test(lines[at]))
      throw new Error(`line ${at + 1}: the proposals are written inline ([...]); write them as a list ` +
                      '(one "- id: ..." per line) to add one here');
    lines[at] = 'proposals:';
  }
  let end = at + 1;
  while (end < lines.length && !TOP_KEY.test(lines[end])) end++;
  while (end > at + 1 && BLANK.test(lines[end - 1])) end--; // after the last item, before its trailing comments
  const first = lines.slice(at + 1, end).find((l) => /^\s*-\s/.test(l));
  const indent = first ? first.match(/^(\s*)/)[1] : '  ';
  const item = yamlItem(indent, p).replace(/\n$/, '').split('\n');
  lines.splice(end, 0, ...item);
  return `${lines.join('\n')}\n`;
}

function appendJson(text, p) {
  const doc = JSON.parse(text);
  const positions = Object.fromEntries(decided(p.positions));
  const item = { id: p.id, ...(p.name ? { name: p.name } : {}), positions };
  doc.proposals = [...(doc.proposals || []), item];
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function isJson(text) { return text.trimStart().startsWith('{'); }

// The scenario text with proposal p appended (YAML or JSON as the text is).
export function appendProposal(text, p) {
  return isJson(text) ? appendJson(text, p) : appendYaml(text, p);
}

// An id not used by any of `taken`: base, base-2, base-3, ...
export function freeId(base, taken) {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) if (!used.has(`${base}-${k}`)) return `${base}-${k}`;
}
