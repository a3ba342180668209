--[[
  One monitoring read in one round trip: the counts of every state, the pause flag, and a page of
  one state in Bull's getJobs(desc) order with each job's hash.
  KEYS: 1 wait, 2 active, 3 delayed, 4 completed, 5 failed, 6 paused, 7 meta-paused, 8 meta,
        9 the page's list or zset
  ARGV: 1 key prefix, 2 "list" | "zset", 3 start, 4 end, 5 "all" for whole hashes, else the hash
        fields to read (comma separated), 6 "counts" to include the counts
  Returns { counts (array of 6) or {}, paused 0|1, ids, hashes (flat field/value arrays) }.
]]
local counts = {}
local paused = 0
if ARGV[6] == "counts" then
  counts = { redis.call("LLEN", KEYS[1]), redis.call("LLEN", KEYS[2]), redis.call("ZCARD", KEYS[3]),
             redis.call("ZCARD", KEYS[4]), redis.call("ZCARD", KEYS[5]), redis.call("LLEN", KEYS[6]) }
  if redis.call("EXISTS", KEYS[7]) == 1 or redis.call("HEXISTS", KEYS[8], "paused") == 1 then
    paused = 1
  end
end
local ids
local start, stop = tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[2] == "list" then
  ids = redis.call("LRANGE", KEYS[9], start, stop)
else
  ids = redis.call("ZREVRANGE", KEYS[9], start, stop)
end
local hashes = {}
local fields = nil
if ARGV[5] ~= "all" then
  fields = {}
  for f in string.gmatch(ARGV[5], "[^,]+") do fields[#fields + 1] = f end
end
-- A job key that another client made something other than a hash reads as a missing job,
-- so that one bad key cannot break the whole list.
for i, id in ipairs(ids) do
  local key = ARGV[1] .. id
  if redis.call("TYPE", key)["ok"] ~= "hash" then
    hashes[i] = {}
  elseif fields == nil then
    hashes[i] = redis.call("HGETALL", key)
  else
    local values = redis.call("HMGET", key, unpack(fields))
    local flat = {}
    for j, f in ipairs(fields) do
      if values[j] then
        flat[#flat + 1] = f
        flat[#flat + 1] = values[j]
      end
    end
    hashes[i] = flat
  end
end
return { counts, paused, ids, hashes }
