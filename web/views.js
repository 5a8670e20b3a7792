// views.js — the page's text views of the engine's JSON: why there is no
// deal (space's diagnosis), amend's closest packages and Pareto
// improvements, trades, and the copyable table beside every chart (the
// chart's own data rows). The words follow the CLI's tables.

function el(tag, attrs = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== '') e.textContent = text;
  return e;
}
const f3 = (x) => (x === null || x === undefined ? '—' : Number(x).toFixed(3));
const show = (v) => (v === null || v === undefined ? 'open' : String(v));

// Space's diagnosis in words; [] when the zone is not empty.
export function whyNoDeal(space) {
  if (!space || !space.zopa || !space.zopa.empty || !space.diagnosis) return [];
  const d = space.diagnosis, lines = [];
  for (const i of d.vetoed_issues || []) lines.push(`red lines veto every option of '${i}'`);
  for (const r of d.red_lines_to_drop || [])
    lines.push(`dropping ${r.actor}'s red line on '${r.issue}' alone would make a deal`);
  for (const [a, b] of Object.entries(d.batna || {}))
    if (b.deal_if_lowered)
      lines.push(`lowering ${a}'s BATNA to ${f3(b.lower_to)} alone would make a deal`);
  if (d.uniform_batna_fall !== null && d.uniform_batna_fall !== undefined)
    lines.push(`every BATNA falling by ${f3(d.uniform_batna_fall)} would make a deal`);
  if (!lines.length) lines.push('no single red line or BATNA makes the zone empty: several do together');
  return lines;
}

function changes(pkg, base) {
  return Object.entries(pkg.positions).filter(([k, v]) => show(v) !== show(base[k]))
    .map(([k, v]) => `${k}: ${show(base[k])} → ${show(v)}`);
}

function gains(pkg) {
  return Object.entries(pkg.utilities).map(([a, u]) => `${a} ${f3(u)} (${pkg.surplus[a] >= 0 ? '+' : ''}${f3(pkg.surplus[a])})`).join(' · ');
}

// A list of amendments; each says whether it is ratified at home when amend
// checked (a scenario with ratifying bodies).
function amendList(items, base, onUse) {
  const ol = el('ol', { class: 'amendments' });
  for (const a of items) {
    const li = el('li');
    const ch = changes(a.package, base);
    li.append(el('div', {}, `${a.changed ? `changes ${a.changed} issue${a.changed === 1 ? '' : 's'}` : 'changes none'}` +
      `${a.settled ? `, settles ${a.settled} open` : ''}, shift ${f3(a.shift)}: ${ch.join('; ') || 'acceptable as it is'}`));
    li.append(el('div', { class: 'note' }, `utility (surplus): ${gains(a.package)}`));
    if (a.ratified !== undefined)
      li.append(el('div', { class: a.ratified ? 'note' : 'note home-rejected' },
        a.ratified ? 'ratified at home (every body votes yes)' : `rejected at home by ${a.rejected_by}`));
    if (onUse && (a.changed || a.settled)) {
      const b = el('button', { type: 'button', class: 'use' }, 'use this');
      b.addEventListener('click', () => onUse(a.package));
      li.append(b);
    }
    ol.append(li);
  }
  return ol;
}

// amend's result against base (issue -> position); onUse(pkg) loads a package
// into the builder (omitted in the proposal view).
export function amendView(r, base, onUse) {
  const box = el('div', { class: 'amend' });
  box.append(el('h4', {}, 'Closest acceptable packages'));
  if (!r.amendments.length)
    box.append(el('p', { class: 'note' }, `none: no package is acceptable to every actor${r.exact ? '' : ' within the search budget'} (the agreement space says why)`));
  box.append(amendList(r.amendments, base, onUse));
  const ra = r.ratified_amendments;
  if (ra) {
    box.append(el('h4', {}, 'Closest packages also ratified at home'));
    if (!ra.amendments.length)
      box.append(el('p', { class: 'note' }, `none${ra.exact ? '' : ' within the search budget'}: every package acceptable to the actors is rejected at home (the evaluation shows each body's vote)`));
    box.append(amendList(ra.amendments, base, onUse));
  }
  box.append(el('h4', {}, 'Pareto improvements (no actor worse off, some better)'));
  const pi = r.pareto_improvements;
  if (!pi) box.append(el('p', { class: 'note' }, 'not computed: the package leaves issues open'));
  else if (!pi.points) box.append(el('p', { class: 'note' }, 'none: the package is Pareto-optimal on this grid'));
  else {
    const un = pi.unprotected.map((u) => u.actor);
    box.append(el('p', { class: 'pareto' }, `${pi.points} improvement point${pi.points === 1 ? '' : 's'}; the most balanced: ` +
      `${changes(pi.most_balanced, base).join('; ')}`));
    box.append(el('p', { class: 'note' }, `utility (surplus): ${gains(pi.most_balanced)}` +
      (un.length ? ` — not protected (the package crosses their red line): ${un.join(', ')}` : '')));
    if (onUse) {
      const b = el('button', { type: 'button', class: 'use' }, 'use the most balanced');
      b.addEventListener('click', () => onUse(pi.most_balanced));
      box.append(b);
    }
  }
  return box;
}

// trades' result: per proposal, the swaps as a table.
export function tradesView(r) {
  const box = el('div', { class: 'trades' });
  for (const p of r.proposals) {
    box.append(el('h4', {}, `Trades on ${p.proposal}: ${p.count} found${p.complete ? '' : ' (search budget ran out)'}`));
    if (!p.trades.length) continue;
    const t = el('table', { class: 'data' });
    const head = el('tr');
    for (const h of ['gets', 'on', 'from → to', 'gain', 'and gets', 'on', 'from → to', 'gain', 'the others', 'breaks'])
      head.append(el('th', {}, h));
    t.append(head);
    for (const x of p.trades) {
      const tr = el('tr');
      const others = Object.entries(x.others).map(([a, g]) => `${a} ${g >= 0 ? '+' : ''}${f3(g)}`).join(', ');
      const breaks = Object.entries(x.breaks || {}).map(([a, w]) => `${a} (${w})`).join(', ');
      for (const v of [x.a.actor, x.a.gains_on, `${x.a.from} → ${x.a.to}`, `+${f3(x.a.gain)}`,
        x.b.actor, x.b.gains_on, `${x.b.from} → ${x.b.to}`, `+${f3(x.b.gain)}`, others, breaks])
        tr.append(el('td', {}, v));
      t.append(tr);
    }
    box.append(t);
  }
  return box;
}

// The rows a Vega-Lite spec draws: its inline data (or its first dataset).
export function specRows(spec) {
  if (spec && spec.data && Array.isArray(spec.data.values)) return spec.data.values;
  if (spec && spec.datasets) { const k = Object.keys(spec.datasets)[0]; return k ? spec.datasets[k] : []; }
  return [];
}

function cellText(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

// Tab-separated text of rows (what "Copy" puts on the clipboard; a
// spreadsheet pastes it as cells).
export function rowsTsv(rows) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const clean = (s) => cellText(s).replace(/[\t\n]/g, ' ');
  return [cols.join('\t'), ...rows.map((r) => cols.map((c) => clean(r[c])).join('\t'))].join('\n') + '\n';
}

// A folded table of the chart's rows with a Copy button.
export function dataTable(spec, name) {
  const rows = specRows(spec);
  const d = el('details', { class: 'table', 'data-table': name });
  d.append(el('summary', {}, `table (${rows.length} rows)`));
  const copy = el('button', { type: 'button', class: 'copy' }, 'Copy');
  const st = el('span', { class: 'note' });
  copy.addEventListener('click', async () => {
    const tsv = rowsTsv(rows);
    d.dataset.copied = tsv;
    try { await navigator.clipboard.writeText(tsv); st.textContent = ' copied (tab-separated)'; }
    catch (e) { st.textContent = ' the browser refused the clipboard: select the table and copy it'; }
  });
  d.append(copy, st);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const t = el('table', { class: 'data' });
  const head = el('tr');
  cols.forEach((c) => head.append(el('th', {}, c)));
  t.append(head);
  for (const r of rows.slice(0, 5000)) {
    const tr = el('tr');
    cols.forEach((c) => tr.append(el('td', {}, cellText(r[c]))));
    t.append(tr);
  }
  d.append(t);
  if (rows.length > 5000) d.append(el('p', { class: 'note' }, `the first 5000 of ${rows.length} rows; Copy takes them all`));
  return d;
}

// PNG and SVG buttons under a chart: the view's own image
// (view.toImageURL), downloaded as NAME.png (twice the size) or NAME.svg.
export function exportButtons(view, name) {
  const box = el('span', { class: 'export', 'data-export': name });
  for (const type of ['png', 'svg']) {
    const b = el('button', { type: 'button', class: 'copy', 'data-type': type }, type.toUpperCase());
    b.title = `download the chart as ${type.toUpperCase()}`;
    b.addEventListener('click', async () => {
      const url = await view.toImageURL(type, type === 'png' ? 2 : 1);
      const a = el('a', { href: url, download: `${name}.${type}` });
      document.body.append(a);
      a.click();
      a.remove();
    });
    box.append(b);
  }
  return box;
}
