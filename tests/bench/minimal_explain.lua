-- minimal_explain.lua: the reference job of the benchmark (tests/bench/run_bench.py),
-- done the way a user would write it in Lua: a post-dissector that reads
-- sip.Status-Code and adds one field with a short text to every SIP response.
-- It is not part of the plugin; it only shows what doing it yourself costs.

local status_f = Field.new("sip.Status-Code")

local proto = Proto("sipx_lua", "SIP Explain (Lua reference)")
local f_text = ProtoField.string("sipx_lua.text", "Explanation")
proto.fields = { f_text }

local texts = {
    [100] = "Trying: the next hop got the request and is working on it",
    [180] = "Ringing: the callee is being alerted",
    [183] = "Session Progress: early media or progress information",
    [200] = "OK: the request succeeded",
    [202] = "Accepted: the request was accepted for processing",
    [301] = "Moved Permanently: use the address in Contact from now on",
    [302] = "Moved Temporarily: retry at the address in Contact",
    [401] = "Unauthorized: resend with credentials for the WWW-Authenticate challenge",
    [403] = "Forbidden: the server understood the request and refuses it",
    [404] = "Not Found: the user does not exist at this domain",
    [407] = "Proxy Authentication Required: resend with Proxy-Authorization",
    [408] = "Request Timeout: no final answer in time",
    [480] = "Temporarily Unavailable: the callee is not reachable now",
    [486] = "Busy Here: the callee is busy",
    [487] = "Request Terminated: the request was cancelled",
    [488] = "Not Acceptable Here: the offered session is not acceptable",
    [489] = "Bad Event: the event package in Event is not supported",
    [500] = "Server Internal Error: the server hit an unexpected condition",
    [503] = "Service Unavailable: overloaded or down; honour Retry-After",
    [600] = "Busy Everywhere: every destination is busy",
    [603] = "Decline: the callee declined the call",
}

function proto.dissector(tvb, pinfo, tree)
    local codes = { status_f() }
    for _, fi in ipairs(codes) do
        tree:add(f_text, fi.range, texts[fi.value] or "Unknown response code")
    end
end

register_postdissector(proto)
