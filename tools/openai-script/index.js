'use strict';
/**
 * A scripted, OpenAI-compatible chat model on 127.0.0.1: n8n's OpenAI Chat Model (credential Base URL
 * `<url>`) talks to it like to api.openai.com, and a test decides every answer. Plain CommonJS, Node built-ins only.
 *
 *   const { startScriptedModel, toolCall, answer } = require('./openai-script');
 *   const model = await startScriptedModel();              // random port; model.url ends in /v1
 *   model.setScript([
 *     () => toolCall('Find_Printers', {}),                  // 1st completion: call a tool
 *     (chat) => answer(`Printed on ${chat.toolResult('Find_Printers')[0].name}`), // 2nd: final answer
 *   ]);
 *   ...; model.completions   // every request: { messages, tools, stream, reply }
 *   await model.close();
 *
 * A step gets a `Chat` view of the request (messages, tools, toolResult(name), lastUserText) and returns a reply.
 * A request past the end of the script gets HTTP 500, so a run that asks more than scripted fails loudly.
 * Supports POST /v1/chat/completions (plain JSON and `stream: true` server-sent events) and GET /v1/models.
 */
const http = require('http');

/** A reply that asks n8n to call tools: toolCall('Name', {args}) or toolCall([{ name, args }, ...]). */
function toolCall(nameOrCalls, args = {}) {
	const calls = Array.isArray(nameOrCalls) ? nameOrCalls : [{ name: nameOrCalls, args }];
	return { toolCalls: calls.map((call) => ({ name: call.name, args: call.args || {} })) };
}

/** A reply with the model's final text. */
function answer(text) {
	return { content: String(text) };
}

/** What a script step sees of one chat completion request. */
class Chat {
	constructor(body) {
		this.messages = Array.isArray(body.messages) ? body.messages : [];
		this.tools = Array.isArray(body.tools) ? body.tools : [];
	}

	/** The text of the last user message. */
	get lastUserText() {
		const user = [...this.messages].reverse().find((m) => m.role === 'user');
		return user ? textOf(user.content) : '';
	}

	/** Names of the tools offered to the model. */
	get toolNames() {
		return this.tools.map((t) => t.function && t.function.name);
	}

	/**
	 * The parsed result of the last call of tool `name` (the `tool` message answering it), or undefined.
	 * n8n sends a tool's items as a JSON array; text that is not JSON is returned as it is.
	 */
	toolResult(name) {
		const callIds = new Map();
		for (const m of this.messages) {
			for (const call of m.tool_calls || [])
				callIds.set(call.id, call.function && call.function.name);
		}
		const result = [...this.messages]
			.reverse()
			.find((m) => m.role === 'tool' && callIds.get(m.tool_call_id) === name);
		if (!result) return undefined;
		const text = textOf(result.content);
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
}

function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (typeof part === 'string' ? part : part.text || '')).join('');
	return '';
}

function completionJson(id, model, reply) {
	const toolCalls = (reply.toolCalls || []).map((call, i) => ({
		id: `call_${id}_${i + 1}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.args) },
	}));
	const message = toolCalls.length
		? { role: 'assistant', content: null, tool_calls: toolCalls }
		: { role: 'assistant', content: reply.content || '' };
	return {
		id: `chatcmpl-scripted-${id}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same completion as server-sent events: a role chunk, the content or tool calls, the finish, [DONE]. */
function completionEvents(completion) {
	const { message, finish_reason: finishReason } = completion.choices[0];
	const chunk = (delta, finish = null) => ({
		id: completion.id,
		object: 'chat.completion.chunk',
		created: completion.created,
		model: completion.model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
	});
	const events = [chunk({ role: 'assistant', content: '' })];
	if (message.tool_calls) {
		message.tool_calls.forEach((call, index) =>
			events.push(chunk({ tool_calls: [{ index, ...call }] })),
		);
	} else {
		events.push(chunk({ content: message.content }));
	}
	events.push({ ...chunk({}, finishReason), usage: completion.usage });
	return `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`;
}

/**
 * Starts the server. Resolves { url, port, completions, setScript(steps), close() }.
 * @param {{ port?: number, script?: Array<(chat: Chat) => object> }} [options]
 */
async function startScriptedModel({ port = 0, script = [] } = {}) {
	let steps = script;
	let next = 0;
	const completions = [];
	const sockets = new Set();

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (d) => chunks.push(d));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const path = (req.url || '').split('?')[0];
			if (req.method === 'GET' && path === '/v1/models') {
				return send(200, {
					object: 'list',
					data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'test' }],
				});
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions')
				return send(404, { error: { message: `No route ${req.method} ${path}` } });
			let body;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
			} catch {
				return send(400, { error: { message: 'Body is not JSON' } });
			}
			const chat = new Chat(body);
			const record = {
				messages: chat.messages,
				tools: chat.tools,
				stream: body.stream === true,
				reply: null,
				error: null,
			};
			completions.push(record);
			const step = steps[next++];
			let reply;
			try {
				if (!step)
					throw new Error(`The script has ${steps.length} step(s); request ${next} has none`);
				reply = step(chat);
			} catch (error) {
				record.error = error.message;
				return send(500, {
					error: { message: `Scripted model: ${error.message}`, type: 'server_error' },
				});
			}
			record.reply = reply;
			const completion = completionJson(completions.length, body.model || 'scripted-model', reply);
			if (body.stream === true) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				return res.end(completionEvents(completion));
			}
			return send(200, completion);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const actualPort = server.address().port;
	return {
		url: `http://127.0.0.1:${actualPort}/v1`,
		port: actualPort,
		completions,
		/** Replaces the script and forgets earlier requests. */
		setScript(newSteps) {
			steps = newSteps;
			next = 0;
			completions.length = 0;
		},
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { startScriptedModel, toolCall, answer, Chat };
