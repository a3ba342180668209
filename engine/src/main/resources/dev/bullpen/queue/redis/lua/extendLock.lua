--[[
  Renews a job lock held by this worker.
  KEYS: 1 job lock, 2 stalled
  ARGV: 1 token, 2 lockDuration ms, 3 job id
  Returns 1 when renewed, 0 when the lock is not ours (lost or expired).
]]
if redis.call("GET", KEYS[1]) == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
  redis.call("SREM", KEYS[2], ARGV[3])
  return 1
end
return 0
