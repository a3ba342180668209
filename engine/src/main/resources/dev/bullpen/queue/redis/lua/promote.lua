--[[
  Moves delayed jobs to waiting now (Bull's job.promote), soonest due first.
  KEYS: 1 delayed, 2 wait, 3 paused, 4 meta-paused, 5 priority
  ARGV: 1 key prefix, 2 token, 3 job id, or "" to promote up to ARGV[4] jobs, 4 batch size
  Returns the number of jobs promoted; -1 when the given id is not delayed.
]]
--@include _push.lua
local prefix = ARGV[1]
local ids
if ARGV[3] ~= "" then
  if redis.call("ZREM", KEYS[1], ARGV[3]) == 0 then
    return -1
  end
  ids = { ARGV[3] }
else
  ids = redis.call("ZRANGE", KEYS[1], 0, tonumber(ARGV[4]) - 1)
  if #ids == 0 then
    return 0
  end
  for i = 1, #ids, 1000 do
    redis.call("ZREM", KEYS[1], unpack(ids, i, math.min(i + 999, #ids)))
  end
end
local target = waitTarget(KEYS[2], KEYS[3], KEYS[4])
for _, id in ipairs(ids) do
  local jobKey = prefix .. id
  pushJob(target, KEYS[5], id, storedPriority(jobKey), "LPUSH")
  redis.call("PUBLISH", prefix .. "waiting@" .. ARGV[2], id)
  if redis.call("EXISTS", jobKey) == 1 then
    redis.call("HSET", jobKey, "delay", 0)
  end
end
return #ids
