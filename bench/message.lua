-- wrk script: a 1.5 KB Teams personal message. Every request has its own activity id (so
-- redelivery dedup never shortcuts a turn); 6,000 people per wrk thread each in their own 1:1
-- conversation, so each conversation stays well inside Teams' per-thread rate limits, as in
-- real use, and a person is remembered once (the warm-up run) as in steady state.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

local service_url = os.getenv("SERVICE_URL") or "http://127.0.0.1:3979/"
-- Ids must differ between runs too, or the bot rightly drops them as redeliveries.
local run = os.getenv("RUN_ID") or tostring(os.time())
local filler = string.rep("Dit is een gewone boodschap in een Stuyfplek-chat. ", 18)

function request()
  counter = counter + 1
  local id = run .. "-" .. tid .. "-" .. counter
  local who = tid .. "-" .. (counter % 6000)
  local body = '{"type":"message","id":"' .. id .. '","timestamp":"2026-11-21T10:00:00.000Z",'
    .. '"localTimestamp":"2026-11-21T11:00:00.000+01:00","localTimezone":"Europe/Brussels",'
    .. '"serviceUrl":"' .. service_url .. '","channelId":"msteams",'
    .. '"from":{"id":"29:1bench-user-' .. who .. '","name":"An Peeters","aadObjectId":"6b1e2c3d-0000-4000-8000-000000000001"},'
    .. '"conversation":{"conversationType":"personal","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","id":"a:1bench-conv-' .. who .. '"},'
    .. '"recipient":{"id":"28:stuyfbot-bench","name":"StuyfBot"},'
    .. '"textFormat":"plain","locale":"nl-BE","text":"' .. filler .. '",'
    .. '"entities":[{"locale":"nl-BE","country":"BE","platform":"Web","timezone":"Europe/Brussels","type":"clientInfo"}],'
    .. '"channelData":{"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}}}'
  return wrk.format("POST", "/api/messages", {["Content-Type"] = "application/json"}, body)
end
