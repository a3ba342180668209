--[[
  The delay timer: moves every due delayed job to waiting, as Bull 4's updateDelaySet does.
  KEYS: 1 delayed, 2 active, 3 wait, 4 priority, 5 paused, 6 meta-paused
  ARGV: 1 key prefix "P:Q:", 2 now ms, 3 token
  Returns the due time in ms (floor(score / 4096)) of the next delayed job, or nil when none is left.
]]
--@include _push.lua
local prefix = ARGV[1]
local due = redis.call("ZRANGEBYSCORE", KEYS[1], 0, tonumber(ARGV[2]) * 4096, "LIMIT", 0, 1000)
if #due > 0 then
  redis.call("ZREM", KEYS[1], unpack(due))
  local target = waitTarget(KEYS[3], KEYS[5], KEYS[6])
  for _, id in ipairs(due) do
    local jobKey = prefix .. id
    redis.call("LREM", KEYS[2], 0, id)
    pushJob(target, KEYS[4], id, storedPriority(jobKey), "LPUSH")
    redis.call("PUBLISH", prefix .. "waiting@" .. ARGV[3], id)
    redis.call("HSET", jobKey, "delay", 0)
  end
end
local nextOne = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
if nextOne[2] then
  local score = tonumber(nextOne[2])
  redis.call("PUBLISH", KEYS[1], score / 4096)
  return math.floor(score / 4096)
end
return nil
