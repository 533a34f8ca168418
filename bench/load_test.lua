-- wrk script for bench/load_test.py: cycles through the paths listed in a file and prints
-- one JSON line of results.
--
--   wrk -t2 -c8 -d30s --timeout 10s -s bench/load_test.lua http://127.0.0.1:8000 -- urls.txt
--
-- The file holds one path (with query string, percent-encoded) per line. Each wrk thread
-- runs in its own Lua state, so setup() hands every thread its number (to start at a
-- different path) and keeps the threads, whose non-2xx counts done() adds up: wrk itself
-- counts only statuses >= 400 as errors.

local threads = {}

function setup(thread)
   thread:set("number", #threads)
   table.insert(threads, thread)
end

local paths = {}
local position = 0
non2xx = 0

function init(args)
   local file = assert(io.open(args[1], "r"), "cannot read the URL list " .. tostring(args[1]))
   for line in file:lines() do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   file:close()
   assert(#paths > 0, "the URL list " .. args[1] .. " is empty")
   position = number * 7919 % #paths  -- threads start apart, not in step
end

function request()
   position = position % #paths + 1
   return wrk.format("GET", paths[position])
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local non2xx_total = 0
   for _, thread in ipairs(threads) do
      non2xx_total = non2xx_total + thread:get("non2xx")
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_s": %.3f, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
      '"p99_ms": %.2f, "max_ms": %.2f, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
      '"timeout": %d, "status": %d, "non2xx": %d}}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.connect, e.read, e.write, e.timeout, e.status, non2xx_total))
end
