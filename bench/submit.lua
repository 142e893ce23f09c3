-- wrk script for P1 and P6: POST complete staff-voice responses, each with a unique
-- idempotency key, one session cookie and CSRF token (they live as long as the session).
-- Counts the 303 acknowledgements so the runner can check none was lost.
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local path = os.getenv("BENCH_PATH")
local prefix = os.getenv("BENCH_PREFIX")
local agree = {"strongly_agree", "agree", "agree", "neither", "disagree", "strongly_disagree"}
local groups = {"nursing_and_midwifery", "healthcare_support_worker", "admin_and_clerical",
                "estates_and_ancillary", "allied_health_professional", "other"}
local shifts = {"days", "days", "nights", "rotating", "on_call"}
local likert = {"knows_where_to_get_support", "support_on_my_shift", "look_after_my_health",
                "break_space", "manager_wellbeing_conversations", "team_supports_each_other",
                "feel_recognised", "surveys_confidential", "views_acted_on"}
local comment = "More+time+with+my+manager+to+talk+about+how+I+am+doing."

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  acknowledged = 0
  refused = 0
  math.randomseed(tid * 7919 + os.time())
end

local function pick(list) return list[math.random(#list)] end

function request()
  counter = counter + 1
  local shift = pick(shifts)
  local parts = {
    "csrf_token=" .. csrf,
    "submission_key=" .. prefix .. "-" .. tid .. "-" .. counter,
    "band=" .. tostring(math.random(2, 4)),
    "staff_group=" .. pick(groups),
    "shift_pattern=" .. shift,
  }
  for _, q in ipairs(likert) do table.insert(parts, q .. "=" .. pick(agree)) end
  if shift ~= "days" then table.insert(parts, "hot_food_at_night=" .. pick(agree)) end
  if math.random() < 0.4 then table.insert(parts, "what_would_help=" .. comment) end
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, table.concat(parts, "&"))
end

function response(status, headers, body)
  if status == 303 then acknowledged = acknowledged + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("acknowledged")
    bad = bad + thread:get("refused")
  end
  io.write(string.format("ACKNOWLEDGED %d\nREFUSED %d\n", ok, bad))
end
