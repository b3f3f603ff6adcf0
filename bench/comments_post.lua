-- wrk script for bench/comments.sh: every request is a new comment (its own body, one email per connection's thread
-- and counter), posted as the site's own page would (Origin set) with the form token in TOKEN. Counts the 303s
-- (comments accepted) apart from other answers; done() prints "accepted N other M". Readers come from many
-- addresses: each request names one in X-Forwarded-For, which lemma serve reads from a peer on this machine.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  other = 0
  token = os.getenv("TOKEN")
  origin = os.getenv("ORIGIN")
  post = os.getenv("POST_PATH")
  run = os.getenv("RUN")
end

local function escape(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local body = "post=" .. escape(post) .. "&name=Bench&email=w" .. id .. "-" .. (counter % 1000) .. "%40bench.test&website=&body=Comment+"
    .. id .. "-" .. counter .. "-" .. run .. "+with+*some*+Markdown+and+%60code%60.&token=" .. escape(token)
  return wrk.format("POST", "/_lemma/comments", { ["Origin"] = origin, ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", id, math.floor(counter / 256) % 256, counter % 256) }, body)
end

function response(status, headers, body)
  if status == 303 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    o = o + thread:get("other")
  end
  io.write(string.format("accepted %d other %d\n", a, o))
end
