-- Drives the RunPod language server from Neovim's own LSP client (Neovim 0.7: vim.lsp.start_client,
-- push diagnostics, request_sync) on a copy of test/neovim/fixture, and writes what Neovim saw as
-- JSON for test/neovim/neovim.test.ts to assert on. This script only observes and records; the
-- assertions live in the vitest test, so a failure there shows the whole picture.
--
-- Run by the test as:
--   nvim --headless --clean -n -c 'lua local ok, e = pcall(dofile, "check.lua") if not ok then
--     io.stderr:write(e) vim.cmd("cquit 3") end'
-- Inputs (environment): RUNPOD_NVIM_NODE (node binary), RUNPOD_NVIM_NODE_FLAGS (the server's Node
-- flags, space-separated, as the README's command gives them), RUNPOD_NVIM_SERVER (dist/server.js),
-- RUNPOD_NVIM_ROOT (the workspace copy), RUNPOD_NVIM_OUT (JSON output file),
-- RUNPOD_NVIM_CANARY (a stand-in secret value a buggy client might send; it must never come back).

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    error('check.lua: environment variable ' .. name .. ' is not set')
  end
  return value
end

local NODE = env('RUNPOD_NVIM_NODE')
local SERVER = env('RUNPOD_NVIM_SERVER')
-- The README's command: node, the server's flags, the server.
local CMD = { NODE }
for flag in string.gmatch(env('RUNPOD_NVIM_NODE_FLAGS'), '%S+') do table.insert(CMD, flag) end
table.insert(CMD, SERVER)
table.insert(CMD, '--stdio')
local ROOT = env('RUNPOD_NVIM_ROOT')
local OUT = env('RUNPOD_NVIM_OUT')
local CANARY = env('RUNPOD_NVIM_CANARY')

-- Every wait is bounded: a missing answer fails this step with its name instead of hanging nvim.
local WAIT_MS = 15000
local REQUEST_MS = 10000

local started = vim.loop.hrtime()
local function elapsed_ms()
  return math.floor((vim.loop.hrtime() - started) / 1e6)
end

local result = { timings = {}, steps = {} }
local function mark(step)
  result.timings[step] = elapsed_ms()
  table.insert(result.steps, step)
end

-- Set when the server process ends, so a crashed server fails the current step at once.
local server_exit

local function wait_for(what, condition)
  local met = vim.wait(WAIT_MS, function() return server_exit ~= nil or condition() end, 20)
  if condition() then return end
  if server_exit then
    error('check.lua: the language server exited (code ' .. server_exit .. ') while waiting for ' .. what)
  end
  if not met then
    error('check.lua: timed out after ' .. WAIT_MS .. ' ms waiting for ' .. what)
  end
end

local function write_json(path, value)
  local file = assert(io.open(path, 'w'))
  file:write(vim.fn.json_encode(value))
  file:close()
end

-- The raw publishDiagnostics params per URI (LSP ranges, UTF-16), recorded before Neovim's own
-- handler turns them into vim.diagnostic entries (byte columns), so the test sees both.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
local function record_publish(err, params, ctx, config)
  if params and params.uri then
    published[params.uri] = { version = params.version, diagnostics = params.diagnostics }
  end
  return default_publish(err, params, ctx, config)
end

-- What Neovim's diagnostic framework holds for a buffer, in a JSON-friendly shape.
local function vim_diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.code,
    })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local function diagnostics_on_line(buf, lnum)
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == lnum then n = n + 1 end
  end
  return n
end

local client_id

local function open(path, filetype)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  -- The filetype becomes the LSP languageId. runpod.env gets an ordinary one on purpose: the server
  -- must recognise it by its file name, as it does for editors that know no runpod-env language.
  vim.bo[buf].filetype = filetype
  if not vim.lsp.buf_attach_client(buf, client_id) then
    error('check.lua: could not attach the client to ' .. path)
  end
  return buf
end

local function request(method, params, buf)
  local client = vim.lsp.get_client_by_id(client_id)
  local response, err = client.request_sync(method, params, REQUEST_MS, buf)
  if not response then
    error('check.lua: ' .. method .. ' got no answer: ' .. tostring(err))
  end
  if response.err then
    error('check.lua: ' .. method .. ' failed: ' .. vim.inspect(response.err))
  end
  return response.result
end

local function main()
  client_id = vim.lsp.start_client({
    name = 'runpod',
    cmd = CMD,
    root_dir = ROOT,
    init_options = {
      secrets = {
        state = 'fresh',
        fetchedAt = '2026-11-20T10:00:00Z',
        secrets = {
          -- `value` is not part of the protocol: it plays a buggy client that leaks one.
          { name = 'hf-token', description = 'Hugging Face read token', createdAt = '2026-09-01T12:00:00Z', value = CANARY },
          { name = 'openai-key', description = 'OpenAI API key for the chat worker' },
        },
      },
    },
    -- The fixture's dates are fixed and the server's clock is real: rotation hints off, as in the
    -- protocol tests. Neovim 0.7 has no workspace/configuration: settings go out as its docs advise.
    settings = { runpod = { secrets = { rotationDays = 0 } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    handlers = { ['textDocument/publishDiagnostics'] = record_publish },
    on_exit = function(code) server_exit = code end,
  })
  if not client_id then
    error('check.lua: vim.lsp.start_client returned nil (is ' .. SERVER .. ' built?)')
  end
  mark('client started')

  -- 1. runpod.env: pushed diagnostics for the typo and the malformed reference.
  local env_path = ROOT .. '/runpod.env'
  local env_uri = vim.uri_from_fname(env_path)
  local env_buf = open(env_path, 'sh')
  wait_for('two diagnostics on runpod.env', function() return #vim.diagnostic.get(env_buf) >= 2 end)
  local client = vim.lsp.get_client_by_id(client_id)
  result.env = { uri = env_uri, language_id = vim.bo[env_buf].filetype, vim = vim_diagnostics(env_buf), lsp = published[env_uri] }
  mark('runpod.env diagnostics')

  -- 2. Completion after `{{ RUNPOD_SECRET_` on a line typed at the end of the file. The unclosed
  -- line is itself malformed: waiting for its diagnostic proves the edit reached the server.
  local line_count = vim.api.nvim_buf_line_count(env_buf)
  local typed = 'NEW_KEY={{ RUNPOD_SECRET_'
  vim.api.nvim_buf_set_lines(env_buf, line_count, line_count, false, { typed })
  wait_for('a diagnostic on the typed line', function() return diagnostics_on_line(env_buf, line_count) > 0 end)
  local completion = request('textDocument/completion', {
    textDocument = { uri = env_uri },
    position = { line = line_count, character = #typed },
    context = { triggerKind = 1 },
  }, env_buf)
  local items = completion and (completion.items or completion) or {}
  result.completion = { line = line_count, character = #typed, typed = typed, items = items }
  mark('completion')

  -- Apply the hf-token item the way Neovim applies any text edit, and read the line back.
  local chosen
  for _, item in ipairs(items) do
    if item.label == 'hf-token' then chosen = item end
  end
  if chosen and chosen.textEdit then
    vim.lsp.util.apply_text_edits({ chosen.textEdit }, env_buf, client.offset_encoding)
    result.completion.applied_line = vim.api.nvim_buf_get_lines(env_buf, line_count, line_count + 1, false)[1]
    wait_for('the completed line to lose its diagnostic', function() return diagnostics_on_line(env_buf, line_count) == 0 end)
    result.completion.diagnostics_after = vim_diagnostics(env_buf)
  end
  mark('completion applied')

  -- 3. Hover on the good reference on line 1 (`HF_TOKEN={{ RUNPOD_SECRET_hf-token }}`).
  local hover_line = vim.api.nvim_buf_get_lines(env_buf, 1, 2, false)[1]
  local hover_character = assert(hover_line:find('hf%-token', 1)) -- 1-based: inside the name, 0-based
  result.hover = {
    line = 1,
    character = hover_character,
    result = request('textDocument/hover', { textDocument = { uri = env_uri }, position = { line = 1, character = hover_character } }, env_buf),
  }
  mark('hover')

  -- 4. .runpod/hub.json opened as JSON: its typo gets the same unknown-secret diagnostic.
  local hub_path = ROOT .. '/.runpod/hub.json'
  local hub_uri = vim.uri_from_fname(hub_path)
  local hub_buf = open(hub_path, 'json')
  wait_for('a diagnostic on .runpod/hub.json', function() return #vim.diagnostic.get(hub_buf) >= 1 end)
  result.hub = { uri = hub_uri, language_id = vim.bo[hub_buf].filetype, vim = vim_diagnostics(hub_buf), lsp = published[hub_uri] }
  mark('hub.json diagnostics')

  -- 5. Orderly shutdown (shutdown + exit), so no server outlives the run.
  vim.lsp.stop_client(client_id)
  wait_for('the server to stop', function() return server_exit ~= nil end)
  result.server_exit_code = server_exit
  mark('server stopped')
  result.total_ms = elapsed_ms()
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  -- Leave no server behind, and give the test the reason along with whatever was recorded.
  if client_id then vim.lsp.stop_client(client_id, true) end
  result.error = tostring(err)
  pcall(write_json, OUT, result)
  error(err, 0)
end
write_json(OUT, result)
vim.cmd('qall!')
