--[[
  Finishes an active job as completed or failed, as Bull 4's moveToFinished does
  (bullpen's own script).
  KEYS: 1 active, 2 completed|failed, 3 job, 4 stalled, 5 wait, 6 priority, 7 metrics:completed|failed
  ARGV: 1 id, 2 finishedOn ms, 3 "returnvalue"|"failedReason", 4 value, 5 token ("0": ignore
        the lock), 6 keep count (-1 all, 0 none, n newest n), 7 keep age seconds or "",
        8 event JSON, 9 fetch next "1"|"0", 10 key prefix "P:Q:", 11 lockDuration ms,
        12 stacktrace JSON or "" (failed: saved with attemptsMade first), 13 attemptsMade,
        14 metrics maxDataPoints or "" (no metrics)
  Returns 0, {HGETALL next, nextId} when a next job was fetched, or
  -1 job missing, -2 lock missing, -6 lock held by another token, -3 job not active.
]]
--@include _push.lua
local id = ARGV[1]
local jobKey = KEYS[3]
local prefix = ARGV[10]
if redis.call("EXISTS", jobKey) == 0 then
  return -1
end
-- Redis keeps the writes a failing script made before its error: refuse before writing anything
local targetType = redis.call("TYPE", KEYS[2])["ok"]
if targetType ~= "zset" and targetType ~= "none" then
  return redis.error_reply("WRONGTYPE " .. KEYS[2] .. " is a " .. targetType .. ", not a sorted set")
end
local token = ARGV[5]
local locked = releaseLock(jobKey, KEYS[4], id, token)
if locked ~= 0 then
  return locked
end
if redis.call("LREM", KEYS[1], -1, id) == 0 then
  return -3
end
if ARGV[12] ~= "" then
  redis.call("HMSET", jobKey, "stacktrace", ARGV[12], "failedReason", ARGV[4], "attemptsMade", ARGV[13])
end

dropDebounceKey(prefix, jobKey)

local function removeJobs(ids)
  for _, old in ipairs(ids) do
    redis.call("DEL", prefix .. old, prefix .. old .. ":logs")
  end
end

local count = tonumber(ARGV[6])
local finishedOn = ARGV[2]
local target = KEYS[2]
if count ~= 0 then
  redis.call("ZADD", target, finishedOn, id)
  redis.call("HMSET", jobKey, ARGV[3], ARGV[4], "finishedOn", finishedOn)
  local age = tonumber(ARGV[7])
  if age then
    local oldest = tonumber(finishedOn) - age * 1000
    removeJobs(redis.call("ZREVRANGEBYSCORE", target, oldest, "-inf"))
    redis.call("ZREMRANGEBYSCORE", target, "-inf", oldest)
  end
  if count > 0 then
    removeJobs(redis.call("ZREVRANGE", target, count, -1))
    redis.call("ZREMRANGEBYRANK", target, 0, -(count + 1))
  end
else
  redis.call("DEL", jobKey, jobKey .. ":logs")
end

-- Per-minute metrics as Bull keeps them: a running count, and one list entry per elapsed minute
-- (newest first, zeros for idle minutes), at most maxDataPoints long.
local maxPoints = tonumber(ARGV[14])
if maxPoints then
  local metaKey = KEYS[7]
  local pointsKey = metaKey .. ":data"
  local before = redis.call("HINCRBY", metaKey, "count", 1) - 1
  local prevTS = redis.call("HGET", metaKey, "prevTS")
  if not prevTS then
    redis.call("HSET", metaKey, "prevTS", finishedOn, "prevCount", 0)
  else
    local minutes = math.min(math.floor(tonumber(finishedOn) / 60000) - math.floor(tonumber(prevTS) / 60000), maxPoints)
    if minutes > 0 then
      redis.call("LPUSH", pointsKey, before - tonumber(redis.call("HGET", metaKey, "prevCount")))
      for _ = 2, minutes do
        redis.call("LPUSH", pointsKey, 0)
      end
      redis.call("LTRIM", pointsKey, 0, maxPoints - 1)
      redis.call("HSET", metaKey, "prevCount", before, "prevTS", finishedOn)
    end
  end
end

redis.call("PUBLISH", target, ARGV[8])

if ARGV[9] == "1" then
  local nextId = redis.call("RPOPLPUSH", KEYS[5], KEYS[1])
  if nextId then
    local nextKey = prefix .. nextId
    redis.call("SET", nextKey .. ":lock", token, "PX", ARGV[11])
    redis.call("ZREM", KEYS[6], nextId)
    redis.call("PUBLISH", prefix .. "active@" .. token, nextId)
    redis.call("HSET", nextKey, "processedOn", finishedOn)
    return {redis.call("HGETALL", nextKey), nextId}
  end
end
return 0
