-- wrk driver for Pipeline's benchmarks: each connection walks a list of
-- request paths (one per line, in the file named by the first argument
-- after --), starting at a different place per thread, and the run ends
-- with one JSON line of figures. Run it as:
--   wrk -t2 -c16 -d15s -s rotate.lua http://127.0.0.1:8090 -- paths.txt
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no paths in " .. args[1]) end
  i = offset % #paths
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.1f,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non2xx":%d,"socket_errors":%d,"bytes":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.bytes))
end
