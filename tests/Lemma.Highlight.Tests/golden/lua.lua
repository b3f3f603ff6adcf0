-- A tiny LRU cache for a Neovim plugin.
local M = {}
M.__index = M

function M.new(capacity)
  return setmetatable({ capacity = capacity or 128, size = 0, items = {}, order = {} }, M)
end

function M:get(key)
  local value = self.items[key]
  if value == nil then return nil end
  for i, k in ipairs(self.order) do
    if k == key then table.remove(self.order, i) break end
  end
  table.insert(self.order, key)
  return value
end

function M:put(key, value)
  if self.items[key] == nil then
    self.size = self.size + 1
    if self.size > self.capacity then
      local oldest = table.remove(self.order, 1)
      self.items[oldest] = nil
      self.size = self.size - 1
    end
  end
  self.items[key] = value
  table.insert(self.order, key)
end

--[[ usage:
  local cache = require("lru").new(2)
]]
return M
