--[[
  Stores a job's progress and announces it.
  KEYS: 1 job, 2 progress channel
  ARGV: 1 progress JSON, 2 event JSON
  Returns 0, or -1 when the job does not exist.
]]
if redis.call("EXISTS", KEYS[1]) == 0 then
  return -1
end
redis.call("HSET", KEYS[1], "progress", ARGV[1])
redis.call("PUBLISH", KEYS[2], ARGV[2])
return 0
