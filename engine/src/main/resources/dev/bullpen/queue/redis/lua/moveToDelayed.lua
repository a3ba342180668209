--[[
  Moves a failed active job to delayed for a backoff retry, as Bull 4 does after saveStacktrace.
  KEYS: 1 active, 2 delayed, 3 job, 4 stalled
  ARGV: 1 score (due*4096 + (id & 0xfff)), 2 id, 3 token ("0": ignore the lock),
        4 stacktrace JSON or "", 5 failedReason, 6 attemptsMade
  Returns 0, or -1 job missing, -2 lock missing, -6 lock held by another token, -3 not active.
]]
--@include _push.lua
local id = ARGV[2]
local jobKey = KEYS[3]
if redis.call("EXISTS", jobKey) == 0 then
  return -1
end
local locked = releaseLock(jobKey, KEYS[4], id, ARGV[3])
if locked ~= 0 then
  return locked
end
if redis.call("LREM", KEYS[1], -1, id) == 0 then
  return -3
end
if ARGV[4] ~= "" then
  redis.call("HMSET", jobKey, "stacktrace", ARGV[4], "failedReason", ARGV[5], "attemptsMade", ARGV[6])
end
local score = tonumber(ARGV[1])
redis.call("ZADD", KEYS[2], score, id)
redis.call("PUBLISH", KEYS[2], score / 4096)
return 0
