--[[
  Deletes every waiting, paused and delayed job, with their hashes and logs (Bull's queue.empty,
  without Bull's orphaned delayed hashes and without un-pausing the queue).
  KEYS: 1 wait, 2 paused, 3 delayed, 4 priority, 5 limiter, 6 limiter:index, 7 limiter:limited
  ARGV: 1 key prefix
  Returns the number of jobs deleted.
]]
local prefix = ARGV[1]
local removed = 0
local function dropAll(ids)
  for i = 1, #ids, 500 do
    local keys = {}
    for j = i, math.min(i + 499, #ids) do
      keys[#keys + 1] = prefix .. ids[j]
      keys[#keys + 1] = prefix .. ids[j] .. ":logs"
    end
    redis.call("DEL", unpack(keys))
  end
  removed = removed + #ids
end
dropAll(redis.call("LRANGE", KEYS[1], 0, -1))
dropAll(redis.call("LRANGE", KEYS[2], 0, -1))
dropAll(redis.call("ZRANGE", KEYS[3], 0, -1))
redis.call("DEL", KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7])
return removed
