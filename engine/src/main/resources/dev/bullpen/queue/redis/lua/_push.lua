-- Shared helpers, inlined by LuaScripts where a script says "--@include _push.lua".

-- The list that receives waiting jobs: "paused" while the queue is globally paused, else "wait".
local function waitTarget(waitKey, pausedKey, metaPausedKey)
  if redis.call("EXISTS", metaPausedKey) == 1 then
    return pausedKey
  end
  return waitKey
end

-- Puts a job id into a wait/paused list as Bull does. Without a priority the id goes to the
-- head (LPUSH, processed last) or, for lifo, to the tail (RPUSH, processed next). With a
-- priority it is indexed in the priority zset and inserted among the prioritized ids that sit at
-- the tail end, ahead of every unprioritized id; among equal priorities the newest goes last.
local function pushJob(target, priorityKey, id, priority, pushCmd)
  if priority == nil or priority <= 0 then
    redis.call(pushCmd, target, id)
    return
  end
  redis.call("ZADD", priorityKey, priority, id)
  local ahead = redis.call("ZCOUNT", priorityKey, 0, priority)
  local len = redis.call("LLEN", target)
  local pivot = redis.call("LINDEX", target, len - (ahead - 1))
  if pivot then
    redis.call("LINSERT", target, "BEFORE", pivot, id)
  else
    redis.call("RPUSH", target, id)
  end
end

-- The numeric priority stored in a job hash (0 when absent or not a number).
local function storedPriority(jobKey)
  return tonumber(redis.call("HGET", jobKey, "priority")) or 0
end

-- True when the job's opts JSON asks for lifo. Tolerates opts written by any client.
local function wantsLifo(jobKey)
  local raw = redis.call("HGET", jobKey, "opts")
  if not raw then
    return false
  end
  local ok, opts = pcall(cjson.decode, raw)
  return ok and type(opts) == "table" and opts["lifo"] == true
end

-- Deletes the debounce key of a job when it has one and that key has no TTL.
local function dropDebounceKey(prefix, jobKey)
  local deid = redis.call("HGET", jobKey, "deid")
  if deid then
    local deKey = prefix .. "de:" .. deid
    if redis.call("PTTL", deKey) == -1 then
      redis.call("DEL", deKey)
    end
  end
end

-- Removes a job id from the rate limiter's bookkeeping.
local function dropFromLimiter(prefix, id)
  local indexKey = prefix .. "limiter:index"
  local limitedKey = redis.call("HGET", indexKey, id)
  if limitedKey then
    redis.call("SREM", limitedKey, id)
    redis.call("HDEL", indexKey, id)
  end
end

-- The lock check of the finishing scripts: with the worker's token, deletes the job's lock and its
-- stalled mark and returns 0; returns -6 when another token holds the lock, -2 when there is none.
-- Token "0" skips the check.
local function releaseLock(jobKey, stalledKey, id, token)
  if token == "0" then
    return 0
  end
  local lockKey = jobKey .. ":lock"
  local holder = redis.call("GET", lockKey)
  if holder == token then
    redis.call("DEL", lockKey)
    redis.call("SREM", stalledKey, id)
    return 0
  end
  if holder then
    return -6
  end
  return -2
end
