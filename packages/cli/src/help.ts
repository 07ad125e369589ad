/** `toolbridge --help`: every command with an example. */
export const HELP = `toolbridge — function calling that just works, on any model, on both OpenAI API formats

Usage: toolbridge <command> [options]

Commands
  demo                 Run the guide's weather example end to end, offline, on both endpoints
  serve                Start the OpenAI-compatible gateway
  conformance --base-url URL
                       Score an endpoint's function calling (see toolbridge conformance --help)
  check-schema FILE    Lint a JSON Schema or tool definitions against strict-mode rules
  convert --to SHAPE FILE
                       Convert tool definitions between Chat (nested) and Responses (flat) shapes

Examples
  npx toolbridge demo                      # offline: scripted upstream, no API key
  npx toolbridge demo --json               # the same trace as JSON lines
  OPENAI_API_KEY=sk-… npx toolbridge demo --upstream https://api.openai.com/v1 --upstream-api chat --model gpt-5.4-mini
  npx toolbridge serve --port 8787 --upstream https://api.openai.com/v1 --upstream-api responses --upstream-key-env OPENAI_API_KEY
  npx toolbridge serve --upstream http://127.0.0.1:11434/v1 --upstream-api chat --upstream-kind ollama --store :memory:
  npx toolbridge serve --config toolbridge.config.json
  npx toolbridge serve --upstream https://api.openai.com/v1 --upstream-api chat --record ./cassettes
  npx toolbridge serve --replay ./cassettes --port 8787   # offline, deterministic
  npx toolbridge conformance --base-url http://127.0.0.1:8000/v1 --api chat --model qwen3-8b --json report.json
  npx toolbridge check-schema tools.json   # exit code 1 when a schema breaks a strict rule
  npx toolbridge check-schema --fix tool.json > tool.strict.json
  npx toolbridge convert --to responses chat-tools.json

serve options
  --port N             Port (default 8787; 0 = any free port)
  --host HOST          Interface (default 127.0.0.1)
  --upstream URL       Upstream base URL, e.g. https://api.openai.com/v1
  --upstream-api API   chat | responses: the format the upstream speaks
  --upstream-key-env V Environment variable with the upstream key (default OPENAI_API_KEY when set)
  --upstream-kind K    openai | openai-compatible | vllm | ollama | llama.cpp (capability preset)
  --store LOCATION     SQLite file (default ./.toolbridge/toolbridge.db), :memory:, or postgres://…
  --config FILE        JSON config file: several providers, model routing, enforcement (see README)
  --log-level LEVEL    fatal | error | warn | info (default) | debug | silent
  --max-body-bytes N   Largest request body (default 20 MiB)
  --record DIR         Write every upstream exchange to DIR as a cassette (one JSON file each)
  --replay DIR         Answer from the cassettes in DIR only, never calling an upstream
  --replay-timing T    fast (default) | real: replay streams at once or at the recorded pace
  --redact FIELDS      With --record: leave these fields out (names, or JSON pointers like /metadata)

demo options
  --api chat|responses|both   Which endpoint(s) to run (default both)
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
