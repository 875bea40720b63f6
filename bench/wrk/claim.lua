-- wrk script for caseworkers claiming and completing: POST /v1/departments/jobcenter/claim,
-- then PATCH /v1/cases/{id}/assignments/jobcenter to done with the claim's ETag, by the
-- caseworker who claimed. Arguments: the caseworkers' bearer tokens, in the order of their
-- names ("Bench caseworker 1", 2, …). wrk does not say which connection a response came
-- on, so each thread keeps one queue of claims to complete: after a claim's answer, the
-- same connection's next request is (as a rule) that claim's completion.
local tokens = {}
local pending = {}
local next_token = 0
completed = 0
claimed = 0
empty = 0
errors = 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i, token in ipairs(args) do tokens[i] = token end
end

function request()
  local completion = table.remove(pending, 1)
  if completion then
    return wrk.format("PATCH", completion.path, {
      ["Authorization"] = "Bearer " .. completion.token,
      ["If-Match"] = completion.etag,
      ["Content-Type"] = "application/json",
    }, '{"status":"done"}')
  end
  next_token = next_token % #tokens + 1
  return wrk.format("POST", "/v1/departments/jobcenter/claim", { ["Authorization"] = "Bearer " .. tokens[next_token] })
end

function response(status, headers, body)
  if status == 204 then
    empty = empty + 1
    return
  end
  if status ~= 200 then
    errors = errors + 1
    return
  end
  local id, case_status = body:match('^{"id":"([^"]+)","reference":"[^"]*","status":"([%a_]+)"')
  if case_status == "resolved" then
    completed = completed + 1
  elseif id then
    claimed = claimed + 1
    local who = tonumber(body:match('"name":"Bench caseworker (%d+)"'))
    local etag = headers["ETag"] or headers["etag"] or headers["Etag"]
    if who and etag and tokens[who] then
      table.insert(pending, { path = "/v1/cases/" .. id .. "/assignments/jobcenter", etag = etag, token = tokens[who] })
    else
      errors = errors + 1
    end
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local totals = { completed = 0, claimed = 0, empty = 0, errors = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  io.write(string.format("claim-result completed=%d claimed=%d empty=%d errors=%d\n", totals.completed, totals.claimed, totals.empty, totals.errors))
end
