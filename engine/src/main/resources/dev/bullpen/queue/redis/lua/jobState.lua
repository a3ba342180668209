--[[
  Bull's getState in one round trip: completed, failed, delayed, active, waiting, paused, else stuck.
  KEYS: 1 completed, 2 failed, 3 delayed, 4 active, 5 wait, 6 paused
  ARGV: 1 job id
]]
local id = ARGV[1]
if redis.call("ZSCORE", KEYS[1], id) then return "completed" end
if redis.call("ZSCORE", KEYS[2], id) then return "failed" end
if redis.call("ZSCORE", KEYS[3], id) then return "delayed" end
local function inList(key)
  local ok, pos = pcall(redis.call, "LPOS", key, id)
  if ok then
    return pos ~= false and pos ~= nil
  end
  for _, v in ipairs(redis.call("LRANGE", key, 0, -1)) do
    if v == id then return true end
  end
  return false
end
if inList(KEYS[4]) then return "active" end
if inList(KEYS[5]) then return "waiting" end
if inList(KEYS[6]) then return "paused" end
return "stuck"
