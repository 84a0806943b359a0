// Node's official openai SDK against a Veil gateway: responses.create plain, streamed, and a
// function-call round trip. Prints one JSON object with what the client got.
// Usage: node responses.mjs <base_url> <api_key> <prompt>
import OpenAI from "openai";

const [baseURL, apiKey, prompt] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const out = {};

const plain = await client.responses.create({ model: "echo", input: prompt, instructions: "Be brief." });
out.plain = plain.output_text;

const stream = await client.responses.create({ model: "echo", input: prompt, stream: true });
const types = [];
let streamed = "";
for await (const ev of stream) {
  types.push(ev.type);
  if (ev.type === "response.output_text.delta") streamed += ev.delta;
  if (ev.type === "response.completed") {
    out.completed = ev.response.output.flatMap((o) => o.content ?? []).map((c) => c.text).join("");
  }
}
out.streamed = streamed;
out.types = types;

const tools = [{ type: "function", name: "send_email", description: "Send an e-mail",
  parameters: { type: "object", properties: { to: { type: "string" }, body: { type: "string" } } } }];
const call = await client.responses.create({ model: "tool", input: prompt, tools });
const fc = call.output.find((i) => i.type === "function_call");
out.arguments = fc.arguments;
const follow = await client.responses.create({
  model: "history", previous_response_id: call.id, tools,
  input: [{ type: "function_call_output", call_id: fc.call_id, output: JSON.stringify({ sent: true }) }],
});
out.follow = follow.output_text;
console.log(JSON.stringify(out));
