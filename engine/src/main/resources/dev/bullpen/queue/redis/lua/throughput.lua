--[[
  Jobs finished per minute, exactly, from the scores (finishedOn) of the completed and failed sets:
  two ZCOUNTs per minute, O(log n) each, so it stays fast at millions of jobs. Only reads.
  KEYS: 1 completed, 2 failed
  ARGV: 1 start of the first minute (ms), 2 minutes, 3 now (ms)
  Returns { completed per minute, failed per minute (oldest first; the last minute is open-ended),
            completed in the last 60 s, failed in the last 60 s }
]]
local first = tonumber(ARGV[1])
local minutes = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local out = {}
for k = 1, 2 do
  local counts = {}
  for i = 0, minutes - 1 do
    local from = tostring(first + i * 60000)
    local to = "(" .. (first + (i + 1) * 60000)
    if i == minutes - 1 then
      to = "+inf" -- a worker clock ahead of ours still counts as now
    end
    counts[#counts + 1] = redis.call("ZCOUNT", KEYS[k], from, to)
  end
  out[k] = counts
end
out[3] = redis.call("ZCOUNT", KEYS[1], "(" .. (now - 60000), "+inf")
out[4] = redis.call("ZCOUNT", KEYS[2], "(" .. (now - 60000), "+inf")
return out
