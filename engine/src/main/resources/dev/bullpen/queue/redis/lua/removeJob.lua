--[[
  Removes a job and every reference to it (Bull's job.remove). A locked job is left alone.
  KEYS: 1 active, 2 wait, 3 delayed, 4 paused, 5 completed, 6 failed, 7 priority, 8 job, 9 logs
  ARGV: 1 job id, 2 key prefix
  Returns 1 removed; 0 locked; -1 nothing found.
]]
--@include _push.lua
local id = ARGV[1]
if redis.call("EXISTS", KEYS[8] .. ":lock") == 1 then
  return 0
end
local found = redis.call("LREM", KEYS[1], 0, id) + redis.call("LREM", KEYS[2], 0, id)
  + redis.call("ZREM", KEYS[3], id) + redis.call("LREM", KEYS[4], 0, id)
  + redis.call("ZREM", KEYS[5], id) + redis.call("ZREM", KEYS[6], id)
  + redis.call("ZREM", KEYS[7], id)
dropDebounceKey(ARGV[2], KEYS[8])
found = found + redis.call("DEL", KEYS[8], KEYS[9])
dropFromLimiter(ARGV[2], id)
if found == 0 then
  return -1
end
return 1
