--[[
  The stalled-job checker, as Bull 4's moveStalledJobsToWait does (bullpen's own script).
  A job is stalled when it was active at the previous check, is still active, and has no lock.
  KEYS: 1 stalled, 2 wait, 3 active, 4 failed, 5 stalled-check, 6 meta-paused, 7 paused
  ARGV: 1 maxStalledCount, 2 key prefix "P:Q:", 3 now ms, 4 stalledInterval ms
  Returns {failedIds, requeuedIds}; both empty when another worker checked within the interval.
]]
local prefix = ARGV[2]
local now = ARGV[3]
if redis.call("EXISTS", KEYS[5]) == 1 then
  return {{}, {}}
end
redis.call("SET", KEYS[5], now, "PX", ARGV[4])

local function dropJob(id)
  redis.call("DEL", prefix .. id, prefix .. id .. ":logs")
end

local function keepNewest(count)
  for _, old in ipairs(redis.call("ZREVRANGE", KEYS[4], count, -1)) do
    dropJob(old)
  end
  redis.call("ZREMRANGEBYRANK", KEYS[4], 0, -(count + 1))
end

local function dropOlderThan(ageSeconds)
  local oldest = tonumber(now) - ageSeconds * 1000
  for _, old in ipairs(redis.call("ZREVRANGEBYSCORE", KEYS[4], oldest, "-inf")) do
    dropJob(old)
  end
  redis.call("ZREMRANGEBYSCORE", KEYS[4], "-inf", oldest)
end

local failed = {}
local requeued = {}
local candidates = redis.call("SMEMBERS", KEYS[1])
if #candidates > 0 then
  redis.call("DEL", KEYS[1])
  local maxStalled = tonumber(ARGV[1])
  for _, id in ipairs(candidates) do
    local jobKey = prefix .. id
    if redis.call("EXISTS", jobKey .. ":lock") == 0 and redis.call("LREM", KEYS[3], 1, id) > 0 then
      local stalls = redis.call("HINCRBY", jobKey, "stalledCounter", 1)
      if stalls > maxStalled then
        local raw = redis.call("HMGET", jobKey, "opts", "deid")
        local ok, opts = pcall(cjson.decode, raw[1] or "{}")
        if not ok or type(opts) ~= "table" then
          opts = {}
        end
        redis.call("ZADD", KEYS[4], now, id)
        redis.call("HMSET", jobKey, "failedReason", "job stalled more than allowable limit", "finishedOn", now)
        if raw[2] then
          local deKey = prefix .. "de:" .. raw[2]
          if redis.call("PTTL", deKey) == -1 then
            redis.call("DEL", deKey)
          end
        end
        redis.call("PUBLISH", KEYS[4], '{"jobId":"' .. id .. '", "val": "job stalled more than maxStalledCount"}')
        local keep = opts["removeOnFail"]
        if type(keep) == "number" then
          keepNewest(keep)
        elseif type(keep) == "boolean" then
          if keep then
            dropJob(id)
            redis.call("ZREM", KEYS[4], id)
          end
        elseif type(keep) == "table" then
          if keep["age"] ~= nil then
            dropOlderThan(keep["age"])
          end
          if keep["count"] ~= nil and keep["count"] > 0 then
            keepNewest(keep["count"])
          end
        end
        table.insert(failed, id)
      else
        local target = KEYS[2]
        if redis.call("EXISTS", KEYS[6]) == 1 then
          target = KEYS[7]
        end
        redis.call("RPUSH", target, id)
        redis.call("PUBLISH", KEYS[1] .. "@", id)
        table.insert(requeued, id)
      end
    end
  end
end

local active = redis.call("LRANGE", KEYS[3], 0, -1)
local batch = 7000
for from = 1, #active, batch do
  redis.call("SADD", KEYS[1], unpack(active, from, math.min(from + batch - 1, #active)))
end
return {failed, requeued}
