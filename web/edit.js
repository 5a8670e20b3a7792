// edit.js — changes one number (an actor's BATNA, or its salience on an
// issue) in a scenario's text, so a run can be repeated with it. JSON is
// edited as data; YAML by locating the actor's (or stance's) block by its
// indentation and replacing the number in place, so comments, sources and
// layout survive. Returns the new text, or null when the number is not found.

const NUM = '(-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)';

function setValue(holder, key, value) {
  if (holder == null || !(key in holder)) return false;
  if (typeof holder[key] === 'object' && holder[key] !== null && 'value' in holder[key]) holder[key].value = value;
  else holder[key] = value;
  return true;
}

function editJson(obj, what, value) {
  if (what.kind === 'batna') {
    const a = (obj.actors || []).find((x) => x && x.id === what.actor);
    return setValue(a, 'batna', value);
  }
  const st = obj.stances && obj.stances[what.actor] && obj.stances[what.actor][what.issue];
  return setValue(st, 'salience', value);
}

const indentOf = (line) => line.match(/^\s*/)[0].length;
const blank = (line) => /^\s*(#.*)?$/.test(line);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Lines [from, to) of the block that starts at line i: the line itself and
// every following line indented deeper than `indent`.
function blockEnd(lines, i, indent) {
  let j = i + 1;
  while (j < lines.length && (blank(lines[j]) || indentOf(lines[j]) > indent)) j++;
  return j;
}

// Replaces the first `key: N` or `key: {value: N` in lines [from, to).
function replaceIn(lines, from, to, key, value) {
  const re = new RegExp('(\\b' + key + ':\\s*(?:\\{\\s*value:\\s*)?)' + NUM);
  for (let k = from; k < to; k++) {
    if (re.test(lines[k])) {
      lines[k] = lines[k].replace(re, (m, head) => head + String(value));
      return true;
    }
  }
  return false;
}

function topLevel(lines, key) {
  return lines.findIndex((l) => l.startsWith(key + ':'));
}

function editYaml(text, what, value) {
  const lines = text.split('\n');
  const id = escapeRe(what.actor);
  if (what.kind === 'batna') {
    const start = topLevel(lines, 'actors');
    if (start < 0) return null;
    const re = new RegExp('^(\\s*)-\\s+(?:\\{\\s*)?id:\\s*["\']?' + id + '["\']?\\s*(?:[,}#]|$)');
    for (let i = start + 1; i < lines.length && (blank(lines[i]) || indentOf(lines[i]) > 0); i++) {
      const m = lines[i].match(re);
      if (m) return replaceIn(lines, i, blockEnd(lines, i, m[1].length), 'batna', value) ? lines.join('\n') : null;
    }
    return null;
  }
  const start = topLevel(lines, 'stances');
  if (start < 0) return null;
  const end = blockEnd(lines, start, 0);
  const actorRe = new RegExp('^(\\s+)["\']?' + id + '["\']?:\\s*(#.*)?$');
  for (let i = start + 1; i < end; i++) {
    const m = lines[i].match(actorRe);
    if (!m) continue;
    const aEnd = blockEnd(lines, i, m[1].length);
    const issueRe = new RegExp('^(\\s+)["\']?' + escapeRe(what.issue) + '["\']?:');
    for (let k = i + 1; k < aEnd; k++) {
      const n = lines[k].match(issueRe);
      if (n) return replaceIn(lines, k, blockEnd(lines, k, n[1].length), 'salience', value) ? lines.join('\n') : null;
    }
    return null;
  }
  return null;
}

export function setNumber(text, what, value) {
  const t = text.trimStart();
  if (t.startsWith('{')) {
    try {
      const obj = JSON.parse(text);
      return editJson(obj, what, value) ? JSON.stringify(obj, null, 2) + '\n' : null;
    } catch (e) {
      return null;
    }
  }
  return editYaml(text, what, value);
}
