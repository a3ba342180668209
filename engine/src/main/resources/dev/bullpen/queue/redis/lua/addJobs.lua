--[[
  Adds several jobs in one call, each exactly as addJob.lua does (same keys, same events), so a
  bulk add costs one script run instead of one per job. Atomic, like Bull's addBulk MULTI.
  KEYS: 1 wait, 2 paused, 3 meta-paused, 4 id, 5 delayed, 6 priority
  ARGV: 1 key prefix "P:Q:", 2 token, then 9 values per job: custom id or "", name, data, opts JSON,
        timestamp, delay, due timestamp or "0", priority, LPUSH|RPUSH
  Returns the job ids in order.
]]
--@include _push.lua
local prefix, token = ARGV[1], ARGV[2]
local target = waitTarget(KEYS[1], KEYS[2], KEYS[3])
local ids = {}
for i = 3, #ARGV, 9 do
  local counter = redis.call("INCR", KEYS[4])
  local id = ARGV[i]
  local duplicate = false
  if id == "" then
    id = string.format("%d", counter)
  elseif redis.call("EXISTS", prefix .. id) == 1 then
    redis.call("PUBLISH", prefix .. "duplicated@" .. token, id)
    duplicate = true
  end
  if not duplicate then
    redis.call("HMSET", prefix .. id, "name", ARGV[i + 1], "data", ARGV[i + 2], "opts", ARGV[i + 3],
      "timestamp", ARGV[i + 4], "delay", ARGV[i + 5], "priority", ARGV[i + 7])
    local due = tonumber(ARGV[i + 6]) or 0
    if due ~= 0 then
      redis.call("ZADD", KEYS[5], due * 4096 + bit.band(counter, 0xfff), id)
      redis.call("PUBLISH", KEYS[5], ARGV[i + 6])
    else
      pushJob(target, KEYS[6], id, tonumber(ARGV[i + 7]) or 0, ARGV[i + 8])
      redis.call("PUBLISH", prefix .. "waiting@" .. token, id)
    end
  end
  ids[#ids + 1] = id
end
return ids
