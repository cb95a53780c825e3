/** The scripted OpenAI-compatible chat model the AI agent e2e test plays the model with (tools/openai-script). */
import { answer, startScriptedModel, toolCall } from '../../tools/openai-script';
import type { ScriptedModel } from '../../tools/openai-script';

let model: ScriptedModel;
beforeAll(async () => {
	model = await startScriptedModel();
});
afterAll(async () => {
	await model.close();
});

const tools = [
	{
		type: 'function',
		function: {
			name: 'Find_Printers',
			description: 'Get many printers',
			parameters: { type: 'object', properties: {} },
		},
	},
];

async function complete(body: object): Promise<Response> {
	return await fetch(`${model.url}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

describe('scripted OpenAI-compatible model', () => {
	it('answers each chat completion with the next step: tool calls, then text that reads the tool result', async () => {
		model.setScript([
			() => toolCall('Find_Printers', {}),
			(chat) =>
				answer(
					`${chat.toolResult<Array<{ name: string }>>('Find_Printers')![0].name} (${chat.lastUserText})`,
				),
		]);
		const first: any = await (
			await complete({
				model: 'm',
				messages: [{ role: 'user', content: 'Which printers?' }],
				tools,
			})
		).json();
		expect(first.choices[0]).toMatchObject({
			finish_reason: 'tool_calls',
			message: {
				role: 'assistant',
				tool_calls: [{ type: 'function', function: { name: 'Find_Printers', arguments: '{}' } }],
			},
		});
		const call = first.choices[0].message.tool_calls[0];
		const second: any = await (
			await complete({
				model: 'm',
				messages: [
					{ role: 'user', content: 'Which printers?' },
					{ role: 'assistant', content: null, tool_calls: [call] },
					{
						role: 'tool',
						tool_call_id: call.id,
						content: JSON.stringify([{ name: 'Front Desk Printer' }]),
					},
				],
				tools,
			})
		).json();
		expect(second.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { role: 'assistant', content: 'Front Desk Printer (Which printers?)' },
		});
		expect(model.completions.map((c) => c.tools.map((t) => t.function.name))).toEqual([
			['Find_Printers'],
			['Find_Printers'],
		]);
	});

	it('streams the same completion as server-sent events when asked', async () => {
		model.setScript([() => answer('Done.')]);
		const res = await complete({
			model: 'm',
			stream: true,
			messages: [{ role: 'user', content: 'Hi' }],
		});
		expect(res.headers.get('content-type')).toBe('text/event-stream');
		const events = (await res.text())
			.split('\n\n')
			.filter(Boolean)
			.map((e) => e.replace(/^data: /, ''));
		expect(events.at(-1)).toBe('[DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
		expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('Done.');
		expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
	});

	it('fails a request the script has no step for, and one whose step throws', async () => {
		model.setScript([
			() => {
				throw new Error('unexpected question');
			},
		]);
		expect((await complete({ messages: [] })).status).toBe(500);
		const past = await complete({ messages: [] });
		expect(past.status).toBe(500);
		expect(((await past.json()) as { error: { message: string } }).error.message).toMatch(
			/script has 1 step\(s\); request 2 has none/,
		);
		expect(model.completions.map((c) => c.error)).toEqual([
			'unexpected question',
			'The script has 1 step(s); request 2 has none',
		]);
	});
});
