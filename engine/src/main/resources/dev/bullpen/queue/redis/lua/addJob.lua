--[[
  Adds a job the way a Bull 4 producer does.
  KEYS: 1 wait, 2 paused, 3 meta-paused, 4 id, 5 delayed, 6 priority
  ARGV: 1 key prefix "P:Q:", 2 custom id or "", 3 name, 4 data, 5 opts JSON, 6 timestamp,
        7 delay, 8 due timestamp or "0", 9 priority, 10 LPUSH|RPUSH, 11 token
  Returns the job id (the existing id for a duplicate custom id).
]]
--@include _push.lua
local prefix = ARGV[1]
local counter = redis.call("INCR", KEYS[4])
local id = ARGV[2]
if id == "" then
  id = string.format("%d", counter)
elseif redis.call("EXISTS", prefix .. id) == 1 then
  redis.call("PUBLISH", prefix .. "duplicated@" .. ARGV[11], id)
  return id
end

local jobKey = prefix .. id
redis.call("HMSET", jobKey, "name", ARGV[3], "data", ARGV[4], "opts", ARGV[5],
  "timestamp", ARGV[6], "delay", ARGV[7], "priority", ARGV[9])

local due = tonumber(ARGV[8]) or 0
if due ~= 0 then
  redis.call("ZADD", KEYS[5], due * 4096 + bit.band(counter, 0xfff), id)
  redis.call("PUBLISH", KEYS[5], ARGV[8])
else
  local target = waitTarget(KEYS[1], KEYS[2], KEYS[3])
  pushJob(target, KEYS[6], id, tonumber(ARGV[9]) or 0, ARGV[10])
  redis.call("PUBLISH", prefix .. "waiting@" .. ARGV[11], id)
end
return id
