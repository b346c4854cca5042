-- Neovim's own LSP client (0.7 and later) attached to `layerlint lsp`: open a
-- Dockerfile, wait for the diagnostics, apply the preferred code action for DL4000, and
-- write what the editor shows as JSON. Driven by tests/editors.rs:
--   LAYERLINT_BIN=... DOCKERFILE=... RESULT=... nvim --headless --clean -c 'luafile neovim.lua'
local bin, file, out = vim.env.LAYERLINT_BIN, vim.env.DOCKERFILE, vim.env.RESULT
local result = { diagnostics = {}, actions = {} }
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'layerlint',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, client)

result.attached = vim.wait(10000, function()
  return #vim.diagnostic.get(buf) > 0
end, 20)
if not result.attached then
  return finish()
end

local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(result.diagnostics, { code = lsp.code, line = d.lnum, col = d.col, message = d.message })
  if lsp.code == 'DL4000' then
    target = d
  end
end

if target then
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local params = vim.lsp.util.make_range_params()
  -- As vim.lsp.buf.code_action does: the line's diagnostics in LSP's shape.
  -- (Newer releases dropped that helper; the raw diagnostic has the same shape there.)
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics
      and vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum)
    or { target.user_data.lsp }
  params.context = { diagnostics = line_diagnostics }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000) or {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, action.title)
      if action.isPreferred then
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      end
    end
  end
end
result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

-- After the edit the server lints again: DL4000 goes away.
result.cleared = vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if (d.user_data and d.user_data.lsp or {}).code == 'DL4000' then
      return false
    end
  end
  return true
end, 20)
vim.lsp.stop_client(client)
finish()
