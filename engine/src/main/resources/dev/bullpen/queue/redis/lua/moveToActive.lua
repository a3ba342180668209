--[[
  Takes a job into active as a Bull 4 worker does (bullpen's own script).
  KEYS: 1 wait, 2 active, 3 priority, 4 stalled, 5 limiter, 6 delayed
  ARGV: 1 key prefix "P:Q:", 2 token, 3 lockDuration ms, 4 now ms, 5 job id already moved by
        BRPOPLPUSH or "" (then RPOPLPUSH here), 6 limiter max or "", 7 limiter duration ms,
        8 bounceBack "true"|"false", 9 "1" when the limiter is per group (groupKey: the part of
        the job id after its last ":") or ""
  Returns {HGETALL job, id}, or nil when there is nothing to take, the job was rate limited,
  or its hash is gone (the id is then dropped from active).
]]
local prefix = ARGV[1]
local id = ARGV[5]
if id ~= "" then
  redis.call("SREM", KEYS[4], id)
else
  id = redis.call("RPOPLPUSH", KEYS[1], KEYS[2])
  if not id then
    redis.call("PUBLISH", prefix .. "drained", "")
    return nil
  end
end

local jobKey = prefix .. id
if redis.call("EXISTS", jobKey) == 0 then
  redis.call("LREM", KEYS[2], 1, id)
  return nil
end

local max = tonumber(ARGV[6])
if max then
  local duration = tonumber(ARGV[7])
  local limiterKey = KEYS[5]
  local indexKey = limiterKey .. ":index"
  if ARGV[9] == "1" then
    local group = string.match(id, "[^:]+$")
    if group then
      limiterKey = limiterKey .. ":" .. group
    end
  end
  local limitedKey = limiterKey .. ":limited"
  local delay = 0
  if redis.call("SISMEMBER", limitedKey, id) == 1 then
    redis.call("SREM", limitedKey, id)
    redis.call("HDEL", indexKey, id)
  else
    local waiting = redis.call("SCARD", limitedKey)
    if waiting > 0 then
      delay = waiting * duration * 1.1 / max + tonumber(redis.call("PTTL", limiterKey))
    end
  end
  local counter = tonumber(redis.call("GET", limiterKey)) or 0
  if delay == 0 and counter >= max then
    delay = tonumber(redis.call("PTTL", limiterKey)) + (counter - max) * duration / max
  end
  if delay > 0 then
    if ARGV[8] == "false" then
      local due = delay + tonumber(ARGV[4])
      redis.call("ZADD", KEYS[6], due * 4096 + bit.band(counter, 0xfff), id)
      redis.call("PUBLISH", KEYS[6], due)
      redis.call("SADD", limitedKey, id)
      redis.call("HSET", indexKey, id, limitedKey)
    end
    redis.call("LREM", KEYS[2], 1, id)
    return nil
  end
  if counter == 0 then
    redis.call("PSETEX", limiterKey, duration, 1)
  else
    redis.call("INCR", limiterKey)
  end
end

redis.call("SET", jobKey .. ":lock", ARGV[2], "PX", ARGV[3])
redis.call("ZREM", KEYS[3], id)
redis.call("PUBLISH", prefix .. "active@" .. ARGV[2], id)
redis.call("HSET", jobKey, "processedOn", ARGV[4])
return {redis.call("HGETALL", jobKey), id}
