-- wrk script for POST /v1/inquiries: a different, valid inquiry on every request
-- (a fresh CVR number with a correct modulus-11 check digit, varied sizes and subjects).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local weights = { 2, 7, 6, 5, 4, 3, 2 }
local counter = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

local function cvr()
  while true do
    local digits, sum = {}, 0
    for i = 1, 7 do
      digits[i] = (i == 1) and math.random(1, 9) or math.random(0, 9)
      sum = sum + digits[i] * weights[i]
    end
    local check = (11 - (sum % 11)) % 11
    if check < 10 then return table.concat(digits) .. check end
  end
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"enterprise":{"cvr":"%s","name":"Café Overskud ApS","postcode":"6000","employees":%d,"registeredSocialEnterprise":true},' ..
    '"contact":{"name":"Mette Hansen","email":"mette@example.dk","phone":"+4512345678"},' ..
    '"topics":["hiring","business-development"],"subject":"To nye medarbejdere i løntilskud %d",' ..
    '"description":"Vi vil gerne ansætte to personer i løntilskud og udvikle vores café.","language":"da","consent":true}',
    cvr(), math.random(1, 50), counter)
  return wrk.format(nil, nil, nil, body)
end
