'use strict';
// A stand-in for an OpenAI-compatible chat model, for driving n8n's AI Agent without an LLM: POST
// /v1/chat/completions answers with the assistant turn that a script gives for the conversation so far (tool calls,
// or the final text), as JSON or, when the request asks for a stream, as server-sent chunks. Every request is kept,
// so a case can check what the agent offered the model (tools, their descriptions and argument schemas) and what
// the tools answered.

const http = require('node:http');

/**
 * `script(request, turn)` returns `{ toolCalls: [{ name, arguments }] }` or `{ content }` for the next assistant turn;
 * `turn` counts the requests so far (0 for the first). Resolves to `{ url, requests, close() }`; `url` is the base URL
 * an OpenAI credential takes (…/v1).
 */
async function startFakeChatModel(script) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
				return;
			}
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: 'body is not JSON' } }));
				return;
			}
			const turn = requests.length;
			requests.push(body);
			let answer;
			try {
				answer = script(body, turn);
			} catch (error) {
				answer = { content: `fake model script failed: ${error.message}` };
			}
			const toolCalls = (answer.toolCalls || []).map((call, index) => ({
				id: `call_${turn}_${index}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.arguments) },
			}));
			const message = toolCalls.length
				? { role: 'assistant', content: null, tool_calls: toolCalls }
				: { role: 'assistant', content: String(answer.content ?? '') };
			const finishReason = toolCalls.length ? 'tool_calls' : 'stop';
			const base = {
				id: `chatcmpl-${turn}`,
				created: Math.floor(Date.now() / 1000),
				model: body.model,
			};
			const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				const delta = toolCalls.length
					? {
							role: 'assistant',
							content: null,
							tool_calls: toolCalls.map((call, index) => ({ index, ...call })),
						}
					: message;
				for (const choice of [
					{ index: 0, delta, finish_reason: null },
					{ index: 0, delta: {}, finish_reason: finishReason },
				]) {
					res.write(
						`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice] })}\n\n`,
					);
				}
				res.write(
					`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`,
				);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finishReason }],
					usage,
				}),
			);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	// A case that fails before closing it must not keep the e2e run alive.
	server.unref();
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** The tool messages (`role: 'tool'`) of a chat request, by the name of the tool that was called. */
function toolResults(request) {
	const names = {};
	for (const message of request.messages || []) {
		for (const call of message.tool_calls || []) names[call.id] = call.function.name;
	}
	const results = {};
	for (const message of request.messages || []) {
		if (message.role === 'tool') results[names[message.tool_call_id]] = message.content;
	}
	return results;
}

module.exports = { startFakeChatModel, toolResults };
