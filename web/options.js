// options.js — the page's controls come from the server's option tables
// (GET /api/options, made from src/app/opt_tables.c like `parley help`):
// the choices of each select, the range of each number and which switches
// a request may carry. Nothing here lists an option's values itself.

export const options = { commands: {}, limits: {} };

// The parameters of an endpoint that the page shows a control for.
export function pageParams(kind) {
  const c = options.commands[kind];
  return c ? c.parameters.filter((p) => p.page) : [];
}

function fillSelect(sel, words, keepFirst) {
  const keep = keepFirst && sel.options.length ? [sel.options[0]] : [];
  const chosen = sel.value;
  sel.replaceChildren(...keep);
  for (const w of words) {
    const o = document.createElement('option');
    o.value = w;
    o.textContent = w;
    sel.append(o);
  }
  if ([...sel.options].some((o) => o.value === chosen)) sel.value = chosen;
}

// Sets a control with id PREFIX-NAME from the parameter's declaration.
function apply(prefix, p, cap) {
  const el = document.getElementById(`${prefix}-${p.name}`);
  if (!el) return;
  if (p.words && el.tagName === 'SELECT') fillSelect(el, p.words, prefix === 'sim');
  if (p.type === 'whole' || p.type === 'number') {
    el.min = p.min;
    el.max = cap !== undefined ? Math.min(p.max, cap) : p.max;
  }
  if (p.type === 'seed') el.min = 0;
  if (p.help) el.title = p.help;
}

export async function loadOptions() {
  const r = await fetch('api/options');
  if (!r.ok) throw new Error(`GET api/options: HTTP ${r.status}`);
  const got = await r.json();
  options.commands = got.options.commands;
  options.limits = got.limits;
  for (const p of pageParams('simulate')) apply('sim', p);
  for (const p of pageParams('montecarlo'))
    apply('mc', p, p.name === 'samples' ? options.limits.max_samples : undefined);
}

// A form for the API parameters of `kind` (all but those in skip), built
// from their declarations: a select for a word (its first entry "default
// (X)"), a checkbox for a flag, a number box with the declared range for a
// number, a text box for the rest; each titled with the option's help.
// Returns { el, values() }: values() gives only what was set.
export function paramForm(kind, skip = []) {
  const c = options.commands[kind];
  const box = document.createElement('div');
  box.className = 'whatif params';
  box.dataset.kind = kind;
  const controls = [];
  for (const p of c ? c.parameters : []) {
    if (skip.includes(p.name)) continue;
    const label = document.createElement('label');
    label.title = p.help || '';
    let input;
    if (p.words) {
      input = document.createElement('select');
      fillSelect(input, ['', ...p.words], false);
      input.options[0].textContent = `default (${p.default || 'none'})`;
    } else {
      input = document.createElement('input');
      if (p.type === 'flag') input.type = 'checkbox';
      else if (p.type === 'whole' || p.type === 'number' || p.type === 'seed') {
        input.type = 'number';
        if (p.min !== undefined) input.min = p.min;
        if (p.max !== undefined && p.type !== 'seed') input.max = p.max;
        input.step = p.type === 'number' ? 'any' : '1';
        input.placeholder = p.default || '';
      } else {
        input.type = 'text';
        input.size = 14;
        input.placeholder = p.default || '';
      }
    }
    input.name = p.name;
    input.id = `${kind}-p-${p.name}`;
    label.append(`${p.name} `, input);
    box.append(label);
    controls.push(input);
  }
  const values = () => {
    const v = {};
    for (const i of controls) {
      if (i.type === 'checkbox') { if (i.checked) v[i.name] = '1'; }
      else if (i.value.trim() !== '') v[i.name] = i.value.trim();
    }
    return v;
  };
  return { el: box, values, controls };
}
