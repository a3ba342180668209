--[[
  Moves up to ARGV[2] failed jobs, oldest finished first, back to waiting (Bull's retryJobs).
  KEYS: 1 failed, 2 wait, 3 paused, 4 meta-paused
  ARGV: 1 key prefix, 2 batch size
  Returns how many ids were taken from failed (0 when none are left).
]]
--@include _push.lua
local ids = redis.call("ZRANGE", KEYS[1], 0, tonumber(ARGV[2]) - 1)
if #ids == 0 then
  return 0
end
local target = waitTarget(KEYS[2], KEYS[3], KEYS[4])
for i = 1, #ids, 1000 do
  redis.call("ZREM", KEYS[1], unpack(ids, i, math.min(i + 999, #ids)))
end
for _, id in ipairs(ids) do
  local jobKey = ARGV[1] .. id
  if redis.call("EXISTS", jobKey) == 1 then
    redis.call("HDEL", jobKey, "finishedOn", "processedOn", "failedReason")
    redis.call("LPUSH", target, id)
  end
end
return #ids
