/**
 * Second sentences appended to OpenAI's exact first sentence when a request mixes the two wire
 * formats (docs/protocol/guide.md#pitfalls, pitfall 1): they name the shape this endpoint expects and
 * where the other shape belongs.
 */
export const formatMixingHints = {
  chatTool:
    '/v1/chat/completions expects nested tools: {"type":"function","function":{"name":…,"parameters":…}}; the flat shape {"type":"function","name":…} is for /v1/responses.',
  chatToolNoFlat:
    '/v1/chat/completions expects nested tools: {"type":"function","function":{"name":…,"parameters":…}}.',
  responsesTool:
    '/v1/responses expects flat tools: {"type":"function","name":…,"parameters":…}; the nested shape {"type":"function","function":{"name":…}} is for /v1/chat/completions.',
  chatNamedToolChoice:
    '/v1/chat/completions expects {"type":"function","function":{"name":…}}; the flat {"type":"function","name":…} is for /v1/responses.',
  responsesNamedToolChoice:
    '/v1/responses expects {"type":"function","name":…}; the nested {"type":"function","function":{"name":…}} is for /v1/chat/completions.',
  chatAllowedTools:
    '/v1/chat/completions expects {"type":"allowed_tools","allowed_tools":{"mode":"auto"|"required","tools":[{"type":"function","function":{"name":…}}]}}; the flat {"type":"allowed_tools","mode":…,"tools":[…]} is for /v1/responses.',
  responsesAllowedTools:
    '/v1/responses expects {"type":"allowed_tools","mode":"auto"|"required","tools":[{"type":"function","name":…}]}; the nested {"type":"allowed_tools","allowed_tools":{…}} is for /v1/chat/completions.',
  chatAllowedToolEntry:
    '/v1/chat/completions names allowed tools as {"type":"function","function":{"name":…}}; {"type":"function","name":…} is the /v1/responses form.',
  responsesAllowedToolEntry:
    '/v1/responses names allowed tools as {"type":"function","name":…}; {"type":"function","function":{"name":…}} is the /v1/chat/completions form.',
  responsesToolRole:
    '/v1/responses has no \'tool\' role: send a tool result as {"type":"function_call_output","call_id":…,"output":…}, with the call_id of its function_call item.',
  responsesToolCalls:
    '/v1/responses messages carry no \'tool_calls\': send each call as its own item {"type":"function_call","call_id":…,"name":…,"arguments":…}.',
  responsesNestedCall:
    '/v1/responses function_call items are flat: {"type":"function_call","call_id":…,"name":…,"arguments":…}; the nested {"id":…,"function":{…}} is a /v1/chat/completions tool_calls entry.',
  chatFunctionCallOutput:
    'function_call_output items belong to /v1/responses; /v1/chat/completions takes tool results as {"role":"tool","tool_call_id":…,"content":…}.',
  chatFunctionCallItem:
    'function_call items belong to /v1/responses; /v1/chat/completions takes calls in an assistant message: {"role":"assistant","tool_calls":[{"id":…,"type":"function","function":{"name":…,"arguments":…}}]}.',
  chatToolCallEntry:
    '/v1/chat/completions tool_calls entries are nested: {"id":…,"type":"function","function":{"name":…,"arguments":…}}; the flat {"call_id":…,"name":…} is a /v1/responses function_call item.',
  chatToolCallId:
    "/v1/chat/completions pairs a tool message with its call by 'tool_call_id' (the id of the assistant's tool call); 'call_id' is the /v1/responses field.",
  responsesCallId:
    "/v1/responses pairs a function_call_output with its call by 'call_id' (from the function_call item); 'tool_call_id' is the /v1/chat/completions field.",
  responsesOutputField:
    '/v1/responses carries a tool result in \'output\': {"type":"function_call_output","call_id":…,"output":…}; \'content\' is the /v1/chat/completions tool-message field.',
  chatContentPart:
    "/v1/chat/completions content parts use type 'text' (and 'image_url' for users); 'input_text' and 'output_text' are /v1/responses part types.",
  responsesContentPart:
    "/v1/responses content parts use 'input_text' (user, system, developer) or 'output_text' (assistant); 'text' is the /v1/chat/completions part type.",
  functionToolsOnly: 'This gateway handles function tools only: {"type":"function",…}.',
  functionItemsOnly:
    "This gateway takes 'message', 'function_call', 'function_call_output', 'item_reference' and 'reasoning' items.",
} as const;
