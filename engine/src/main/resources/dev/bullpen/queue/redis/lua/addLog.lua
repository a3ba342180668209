--[[
  Appends one log line to a job.
  KEYS: 1 job, 2 job logs
  ARGV: 1 line, 2 keep at most this many lines ("" or "0": all)
  Returns the number of lines, or -1 when the job does not exist.
]]
if redis.call("EXISTS", KEYS[1]) == 0 then
  return -1
end
local count = redis.call("RPUSH", KEYS[2], ARGV[1])
local keep = tonumber(ARGV[2])
if keep and keep > 0 then
  redis.call("LTRIM", KEYS[2], -keep, -1)
  count = math.min(count, keep)
end
return count
