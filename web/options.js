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
