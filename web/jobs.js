// jobs.js — a long analysis (sensitivity, sweep) under a job id of its own:
// POST /api/KIND?job=ID while GET /api/jobs/ID is polled for the progress
// bar, DELETE /api/jobs/ID cancels it (as mc.js does for Monte Carlo).
import { call } from './app.js';

export function jobId(prefix) {
  const r = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}-${Date.now().toString(36)}-${r[0].toString(36)}${r[1].toString(36)}`;
}

// Runs kind with params; progress(p) gets each {state, done, total, elapsed}
// the server reports. The job's id is in handle.job while it runs.
export async function runJob(kind, params, handle, progress) {
  const job = jobId(kind);
  handle.job = job;
  const poll = (async () => {
    while (handle.job === job) {
      await new Promise((ok) => setTimeout(ok, 250));
      if (handle.job !== job) return;
      try {
        const r = await fetch(`api/jobs/${job}`);
        if (r.ok) progress(await r.json());
      } catch (e) { /* the next poll tries again */ }
    }
  })();
  try {
    return await call(kind, { ...params, job });
  } finally {
    handle.job = null;
    await poll;
  }
}

export async function cancelJob(handle) {
  if (handle.job) await fetch(`api/jobs/${handle.job}`, { method: 'DELETE' });
}

// "running: 40 of 120 points, 3.1 s left"
export function progressText(p, unit) {
  if (!p.total) return `${p.state} …`;
  const rate = p.elapsed > 0 ? p.done / p.elapsed : 0;
  const left = rate > 0 ? ` , ${((p.total - p.done) / rate).toFixed(1)} s left` : '';
  return `${p.state}: ${p.done.toLocaleString()} of ${p.total.toLocaleString()} ${unit}${left.replace(' ,', ',')}`;
}
