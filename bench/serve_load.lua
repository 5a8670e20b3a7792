-- serve_load.lua — wrk script for bench/serve_load.sh: every request POSTs
-- the scenario file named by the PARLEY_SCENARIO environment variable to
-- /api/eval, and the run reports non-2xx answers and latency percentiles.
local f = assert(io.open(os.getenv("PARLEY_SCENARIO"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/yaml"
wrk.path = "/api/eval?name=examples/ukraine-2025.yaml"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d in %.2f s: %.1f req/s\n", summary.requests,
                         summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                         latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
                         latency:percentile(99) / 1e3, latency.max / 1e3))
  io.write(string.format("failed: connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
                         e.connect, e.read, e.write, e.timeout, e.status))
end
