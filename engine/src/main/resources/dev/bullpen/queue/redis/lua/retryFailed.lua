--[[
  Moves one failed job back to waiting (Bull's job.retry / reprocessJob).
  Unlike Bull 4.16.5 the state is checked before anything is written, so retrying a job that is
  not failed changes nothing.
  KEYS: 1 job, 2 job lock, 3 failed, 4 wait, 5 meta-paused, 6 paused
  ARGV: 1 job id, 2 token, 3 now, 4 key prefix
  Returns 1 moved; 0 no such job; -1 locked; -2 not failed.
]]
--@include _push.lua
if redis.call("EXISTS", KEYS[1]) == 0 then
  return 0
end
if redis.call("EXISTS", KEYS[2]) == 1 then
  return -1
end
if redis.call("ZREM", KEYS[3], ARGV[1]) == 0 then
  return -2
end
redis.call("HDEL", KEYS[1], "finishedOn", "processedOn", "failedReason")
redis.call("HSET", KEYS[1], "retriedOn", ARGV[3])
local target = waitTarget(KEYS[4], KEYS[6], KEYS[5])
local cmd = "LPUSH"
if wantsLifo(KEYS[1]) then
  cmd = "RPUSH"
end
redis.call(cmd, target, ARGV[1])
redis.call("PUBLISH", ARGV[4] .. "waiting@" .. ARGV[2], ARGV[1])
return 1
