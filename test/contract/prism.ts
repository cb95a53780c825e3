/**
 * Stoplight Prism as a validating mock of the IIDaaS spec, and a node runner that records every HTTP exchange
 * (request, status, Prism's `sl-violations` header) so the contract test can fail on any request violation.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import { createExecuteFunctions, n8nLikeHttpRequest } from '../../tools/harness';
import type { RunOptions } from '../../tools/harness';
import { SPEC_PATH } from '../../spec';

export { SPEC_PATH };
const PRISM_CLI = require.resolve('@stoplight/prism-cli/dist/index.js');

export interface PrismServer {
	url: string;
	port: number;
	/** Prism's output, for failure messages. */
	log(): string;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

/** Any HTTP answer means Prism is listening (the authenticate mock answers 200). */
async function answers(url: string): Promise<boolean> {
	try {
		await fetch(`${url}/api/web/v1/adminapi/authenticate`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ applicationId: 'ping', sharedSecret: 'ping' }),
			signal: AbortSignal.timeout(1000),
		});
		return true;
	} catch {
		return false;
	}
}

/** Kills Prism and anything it started: it runs as the leader of its own process group. */
function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

async function startOnce(port: number, timeoutMs: number): Promise<PrismServer> {
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(
		process.execPath,
		[PRISM_CLI, 'mock', '-h', '127.0.0.1', '-p', String(port), SPEC_PATH],
		{
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString('utf8')).slice(-20000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// Prism runs detached: if this test process dies without afterAll, take Prism with it.
	const killOnExit = () => killTree(child, 'SIGKILL');
	process.once('exit', killOnExit);

	const stop = async () => {
		process.removeListener('exit', killOnExit);
		killTree(child, 'SIGTERM');
		const timer = setTimeout(() => killTree(child, 'SIGKILL'), 3000);
		await exited;
		clearTimeout(timer);
		// The group may outlive its leader for a moment.
		try {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// nothing left
		}
	};

	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`Prism exited before answering:\n${output.slice(-2000)}`);
		}
		if (await answers(url)) return { url, port, log: () => output, stop };
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await stop();
	throw new Error(
		`Prism did not answer on ${url} within ${timeoutMs / 1000} s:\n${output.slice(-2000)}`,
	);
}

/** Starts Prism on a free port (another if that one was taken meanwhile) and waits until it answers. */
export async function startPrism(timeoutMs = 60000): Promise<PrismServer> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			return await startOnce(await freePort(), timeoutMs);
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}

export interface Violation {
	location: string[];
	severity: string;
	code?: string;
	message: string;
}

export interface Exchange {
	method: string;
	/** Path and query, without the origin. */
	path: string;
	body?: unknown;
	status?: number;
	violations: Violation[];
	networkError?: string;
}

export interface RecordedRun {
	exchanges: Exchange[];
	output?: INodeExecutionData[];
	error?: Error;
}

function parseViolations(header: unknown): Violation[] {
	const text = Array.isArray(header) ? header.join('') : header;
	if (typeof text !== 'string' || text === '') return [];
	try {
		const parsed = JSON.parse(text) as Violation[];
		return Array.isArray(parsed) ? parsed : [];
	} catch {
		return [{ location: ['unparsed'], severity: 'Error', message: text }];
	}
}

function bodyOf(request: IHttpRequestOptions): unknown {
	const raw = request.body;
	if (raw === undefined) return undefined;
	const text = Buffer.isBuffer(raw)
		? raw.toString('utf8')
		: typeof raw === 'string'
			? raw
			: JSON.stringify(raw);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Runs the node once like runNode, recording every request and its answer; a thrown error is returned, not thrown. */
export async function runRecorded(options: RunOptions): Promise<RecordedRun> {
	const node = new EntrustIidaas();
	const fn = createExecuteFunctions({ ...options, node });
	const exchanges: Exchange[] = [];
	fn.helpers.httpRequest = async (request: IHttpRequestOptions) => {
		options.beforeRequest?.(exchanges.length + 1, request);
		const url = new URL(String(request.url));
		const exchange: Exchange = {
			method: String(request.method ?? 'GET'),
			path: url.pathname + url.search,
			body: bodyOf(request),
			violations: [],
		};
		exchanges.push(exchange);
		try {
			const response = (await n8nLikeHttpRequest(request)) as {
				statusCode?: number;
				headers?: Record<string, unknown>;
			};
			exchange.status = response?.statusCode;
			exchange.violations = parseViolations(response?.headers?.['sl-violations']);
			return response;
		} catch (error) {
			exchange.networkError = (error as Error).message;
			throw error;
		}
	};
	try {
		const result = (await node.execute!.call(fn)) as INodeExecutionData[][];
		return { exchanges, output: result[0] };
	} catch (error) {
		return { exchanges, error: error as Error };
	}
}
