--[[
  The overview's read of one queue in one round trip: the counts of every state, the pause flag,
  and what the queue did lately. Only reads; cost does not grow with the queue (ZCOUNT is O(log n)).
  KEYS: 1 wait, 2 active, 3 delayed, 4 completed, 5 failed, 6 paused, 7 meta-paused, 8 meta
  ARGV: 1 key prefix "P:Q:", 2 now (ms), 3 minutes of failure counts
  Returns { counts (array of 6), paused 0|1, completed in the last 60 s,
            failed per sliding minute ending now (newest first),
            ends: for each job at either end of wait and paused, { timestamp, processedOn, retriedOn, opts }
            ("" where a field is missing) }
]]
local counts = { redis.call("LLEN", KEYS[1]), redis.call("LLEN", KEYS[2]), redis.call("ZCARD", KEYS[3]),
                 redis.call("ZCARD", KEYS[4]), redis.call("ZCARD", KEYS[5]), redis.call("LLEN", KEYS[6]) }
local paused = 0
if redis.call("EXISTS", KEYS[7]) == 1 or redis.call("HEXISTS", KEYS[8], "paused") == 1 then
  paused = 1
end
local now = tonumber(ARGV[2])
-- scores are finishedOn; a score after now (a worker clock ahead of ours) counts as the last minute
local completed = redis.call("ZCOUNT", KEYS[4], "(" .. (now - 60000), "+inf")
local failed = {}
for i = 0, tonumber(ARGV[3]) - 1 do
  local upper = "+inf"
  if i > 0 then
    upper = tostring(now - i * 60000)
  end
  failed[#failed + 1] = redis.call("ZCOUNT", KEYS[5], "(" .. (now - (i + 1) * 60000), upper)
end
local ends = {}
local seen = {}
for _, list in ipairs({ KEYS[1], KEYS[6] }) do
  for _, index in ipairs({ -1, 0 }) do
    local id = redis.call("LINDEX", list, index)
    if id and not seen[id] then
      seen[id] = true
      -- a job key that another client made something other than a hash reads as a job without fields
      local ok, values = pcall(redis.call, "HMGET", ARGV[1] .. id, "timestamp", "processedOn", "retriedOn", "opts")
      local entry = { "", "", "", "" }
      if ok then
        for j = 1, 4 do
          if values[j] then
            entry[j] = values[j]
          end
        end
        if string.len(entry[4]) > 8192 then
          entry[4] = ""
        end
      end
      ends[#ends + 1] = entry
    end
  end
end
return { counts, paused, completed, failed, ends }
