--[[
  Bull's own metrics keys, as queue.getMetrics(type) reads them, for completed and failed at once.
  A key of another type (another client's) reads as absent. Only reads.
  KEYS: 1 metrics:completed, 2 metrics:completed:data, 3 metrics:failed, 4 metrics:failed:data
  ARGV: 1 how many data points to read (newest first)
  Returns { { present 0|1, count, prevTS, prevCount, data, data length } for completed, then failed }
]]
local points = tonumber(ARGV[1])
local out = {}
for k = 0, 1 do
  local meta = KEYS[1 + 2 * k]
  local data = KEYS[2 + 2 * k]
  local entry = { 0, "", "", "", {}, 0 }
  if redis.call("TYPE", meta)["ok"] == "hash" then
    local v = redis.call("HMGET", meta, "count", "prevTS", "prevCount")
    entry[1] = 1
    entry[2] = v[1] or ""
    entry[3] = v[2] or ""
    entry[4] = v[3] or ""
  end
  if redis.call("TYPE", data)["ok"] == "list" then
    entry[5] = redis.call("LRANGE", data, 0, points - 1)
    entry[6] = redis.call("LLEN", data)
  end
  out[k + 1] = entry
end
return out
