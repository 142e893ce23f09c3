-- wrk script for P2: GET a survey page with the respondent's session cookie.
local cookie = os.getenv("BENCH_COOKIE")
function request()
  return wrk.format("GET", nil, {["Cookie"] = cookie})
end
