--[[
  Deletes up to ARGV[3] unlocked jobs of one state whose finishedOn, else processedOn, else
  timestamp is older than ARGV[2] (Bull's queue.clean), walking from the oldest end.
  KEYS: 1 the state's list or zset, 2 priority
  ARGV: 1 key prefix, 2 max timestamp (ms), 3 limit (> 0), 4 "list" | "zset", 5 "finished" when the
        zset is scored by finishedOn (completed, failed), 6 keep debounce keys ("1" for finished states)
  Returns the deleted ids.
]]
--@include _push.lua
local prefix, maxTs, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local isList, byFinish, keepDebounce = ARGV[4] == "list", ARGV[5] == "finished", ARGV[6] == "1"
local window = 1000
local deleted = {}

-- Old when the first time found is before maxTs (compared as numbers, unlike Bull's string
-- comparison). Like Bull, an id with no time at all (e.g. its hash is gone) counts as old; a time
-- that is not a number does not.
local function isOld(jobKey)
  local v = redis.call("HMGET", jobKey, "finishedOn", "processedOn", "timestamp")
  local raw = v[1] or v[2] or v[3]
  if not raw then
    return true
  end
  local ts = tonumber(raw)
  return ts ~= nil and ts < maxTs
end

local function deleteJob(id)
  local jobKey = prefix .. id
  redis.call("ZREM", KEYS[2], id)
  if not keepDebounce then
    dropDebounceKey(prefix, jobKey)
  end
  redis.call("DEL", jobKey, jobKey .. ":logs")
  dropFromLimiter(prefix, id)
  deleted[#deleted + 1] = id
end

local function deletable(id)
  local jobKey = prefix .. id
  return redis.call("EXISTS", jobKey .. ":lock") == 0 and isOld(jobKey)
end

if isList then
  -- oldest at the tail: walk windows from the right, mark slots, remove marks at the end
  local len = redis.call("LLEN", KEYS[1])
  local pos = len - 1
  while pos >= 0 and #deleted < limit do
    local from = math.max(0, pos - window + 1)
    local ids = redis.call("LRANGE", KEYS[1], from, pos)
    for i = #ids, 1, -1 do
      if #deleted >= limit then break end
      local id = ids[i]
      if id ~= "" and deletable(id) then
        redis.call("LSET", KEYS[1], from + i - 1, "")
        deleteJob(id)
      end
    end
    pos = from - 1
  end
  if #deleted > 0 then
    redis.call("LREM", KEYS[1], 0, "")
  end
else
  local skipped = 0
  while #deleted < limit do
    local ids
    if byFinish then
      ids = redis.call("ZRANGEBYSCORE", KEYS[1], "-inf", "(" .. ARGV[2], "LIMIT", skipped, window)
    else
      ids = redis.call("ZRANGE", KEYS[1], skipped, skipped + window - 1)
    end
    if #ids == 0 then break end
    for _, id in ipairs(ids) do
      if #deleted >= limit then break end
      if deletable(id) then
        redis.call("ZREM", KEYS[1], id)
        deleteJob(id)
      else
        skipped = skipped + 1
      end
    end
  end
end
return deleted
