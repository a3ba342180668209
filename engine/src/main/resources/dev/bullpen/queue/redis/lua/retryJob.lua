--[[
  Puts a failed active job straight back to waiting (no backoff), as Bull 4's retryJob does
  after saveStacktrace. Publishes nothing, as Bull.
  KEYS: 1 active, 2 wait, 3 job, 4 meta-paused, 5 paused, 6 stalled, 7 priority
  ARGV: 1 LPUSH|RPUSH, 2 id, 3 token ("0": ignore the lock), 4 stacktrace JSON or "",
        5 failedReason, 6 attemptsMade
  Returns 0, or -1 job missing, -2 lock missing, -6 lock held by another token, -3 not active.
]]
--@include _push.lua
local id = ARGV[2]
local jobKey = KEYS[3]
if redis.call("EXISTS", jobKey) == 0 then
  return -1
end
local locked = releaseLock(jobKey, KEYS[6], id, ARGV[3])
if locked ~= 0 then
  return locked
end
if redis.call("LREM", KEYS[1], -1, id) == 0 then
  return -3
end
if ARGV[4] ~= "" then
  redis.call("HMSET", jobKey, "stacktrace", ARGV[4], "failedReason", ARGV[5], "attemptsMade", ARGV[6])
end
local target = waitTarget(KEYS[2], KEYS[5], KEYS[4])
pushJob(target, KEYS[7], id, storedPriority(jobKey), ARGV[1])
return 0
