/** `toolbridge --help`: every command with an example. */
export const HELP = `toolbridge — function calling that just works, on any model, on both OpenAI API formats

Usage: toolbridge <command> [options]

Commands
  demo                 Run the guide's weather example end to end, offline, on both endpoints
  serve                Start the OpenAI-compatible gateway
  keys create|list|revoke
                       Manage virtual keys (per project, with model lists, limits and budgets)
  check-schema FILE    Lint a JSON Schema or tool definitions against strict-mode rules
  convert --to SHAPE FILE
                       Convert tool definitions between Chat (nested) and Responses (flat) shapes

Examples
  npx toolbridge demo                      # offline: scripted upstream, no API key
  npx toolbridge demo --json               # the same trace as JSON lines
  npx toolbridge demo --upstream-api gemini # offline, over the scripted Gemini upstream
  npx toolbridge demo --upstream-api anthropic   # offline, over a scripted Anthropic Messages upstream
  OPENAI_API_KEY=sk-… npx toolbridge demo --upstream https://api.openai.com/v1 --upstream-api chat --model gpt-5.4-mini
  npx toolbridge serve --port 8787 --upstream https://api.openai.com/v1 --upstream-api responses --upstream-key-env OPENAI_API_KEY
  npx toolbridge serve --upstream https://api.anthropic.com/v1 --upstream-api anthropic --upstream-key-env ANTHROPIC_API_KEY
  npx toolbridge serve --upstream http://127.0.0.1:11434/v1 --upstream-api chat --upstream-kind ollama --store :memory:
  npx toolbridge serve --upstream https://generativelanguage.googleapis.com/v1beta --upstream-api gemini --upstream-key-env GEMINI_API_KEY
  npx toolbridge serve --config toolbridge.config.json
  npx toolbridge check-schema tools.json   # exit code 1 when a schema breaks a strict rule
  npx toolbridge check-schema --fix tool.json > tool.strict.json
  npx toolbridge convert --to responses chat-tools.json

serve options
  --port N             Port (default 8787; 0 = any free port)
  --host HOST          Interface (default 127.0.0.1)
  --upstream URL       Upstream base URL, e.g. https://api.openai.com/v1
  --upstream-api API   chat | responses | anthropic | gemini: the format the upstream speaks
  --upstream-key-env V Environment variable with the upstream key (default OPENAI_API_KEY when set;
                       ANTHROPIC_API_KEY for anthropic, GEMINI_API_KEY for gemini)
  --upstream-kind K    openai | openai-compatible | vllm | ollama | llama.cpp | anthropic | gemini
                       (capability preset)
  --store LOCATION     SQLite file (default ./.toolbridge/toolbridge.db), :memory:, or postgres://…
  --config FILE        JSON config file: several providers, model routing, enforcement (see README)
  --log-level LEVEL    fatal | error | warn | info (default) | debug | silent
  --max-body-bytes N   Largest request body (default 20 MiB)
  --headers-timeout MS Close a connection whose request headers are not complete in time (default 30000)
  --request-timeout MS Close a connection whose whole request (body included) has not arrived (default 120000)
  --keep-alive-timeout MS  Close an idle keep-alive connection (default 65000)
  --max-connections N  Open client connections; one more gets 503 (default 512)
  --max-buffered-bytes N   Request-body bytes held across all requests being read; past it 503
                       (default 100 MiB)
  --allowed-hosts LIST Host names to answer to, comma-separated; * = any (default: localhost, 127.0.0.1,
                       [::1] when bound to loopback, else any)
  --cors-origins LIST  Browser origins allowed to call the gateway (CORS), comma-separated (default none)
  --workers N|auto     N processes sharing the port, the store and the limits (auto = one per core);
                       SIGHUP replaces them one at a time, a crashed one is restarted

keys options (same --store / --config as serve)
  keys create --project P [--name N] [--models a,b] [--rpm N] [--tpm N] [--budget USD/PERIOD] [--expires 30d|DATE]
                       Prints the new key once (stdout); periods: day, week, month, total
  keys list [--project P] [--json]
  keys revoke ID

demo options
  --api chat|responses|both   Which endpoint(s) to run (default both)
  --upstream-api chat|responses|anthropic|gemini
                       Without --upstream: the format the scripted upstream is spoken to in (default
                       chat; gemini runs model gemini-3-flash)
  --json               Print the trace as JSON lines
  --verbose            Show the wire bodies sent and received
  --upstream URL --upstream-api API [--upstream-key-env V] --model M
                       Run the same against a real model instead of the scripted upstream

check-schema options
  --fix                Print the normalized strict schema (or tool, same shape) instead of the report
  --json               Report as JSON

convert options
  --to chat|responses  Target shape (required)
`;
