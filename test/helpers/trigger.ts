/**
 * Drives the Entrust IIDaaS Trigger outside n8n: a fake IHookFunctions for the webhook lifecycle
 * (real HTTP to the emulator through the node's transport) and a fake IWebhookFunctions fed with a
 * delivery captured by a loopback receiver, exactly as it arrived (method, headers, raw bytes).
 */
import { createServer } from 'http';
import type { IncomingHttpHeaders, Server } from 'http';
import type { AddressInfo } from 'net';
import type {
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { EntrustIidaasTrigger } from '../../nodes/EntrustIidaas/EntrustIidaasTrigger.node';
import type { Credentials } from '../../tools/harness';
import { n8nLikeHttpRequest } from '../../tools/harness';

export interface CapturedDelivery {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
}

export interface Receiver {
	/** The URL to register, e.g. http://127.0.0.1:PORT/webhook/<id>/webhook. */
	url: string;
	deliveries: CapturedDelivery[];
	close(): Promise<void>;
}

/** A loopback HTTP server that records every request and answers 200 (standing in for n8n's webhook server). */
export async function startReceiver(path = '/webhook/5b1f0e2a-trigger/webhook'): Promise<Receiver> {
	const deliveries: CapturedDelivery[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			deliveries.push({
				method: req.method!,
				url: req.url!,
				headers: req.headers,
				rawBody: Buffer.concat(chunks),
			});
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
		deliveries,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export const TRIGGER_NODE: INode = {
	id: 'b6f1c0de-0000-4000-8000-000000000002',
	name: 'Entrust IIDaaS Trigger',
	type: 'n8n-nodes-entrust-iidaas.entrustIidaasTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface TriggerOptions {
	credentials: Credentials;
	/** What getNodeWebhookUrl('default') answers. */
	webhookUrl: string;
	params?: Record<string, unknown>;
	mode?: 'trigger' | 'manual';
	workflow?: { id: string; name: string; active: boolean };
}

export interface WebhookAnswer {
	result: IWebhookResponseData;
	/** What the node wrote to the response itself (401/400), if anything. */
	response: { status?: number; body?: string };
}

export class TriggerHarness {
	readonly node = new EntrustIidaasTrigger();
	readonly staticData: IDataObject = {};
	readonly logs: string[] = [];
	params: Record<string, unknown>;
	webhookUrl: string;

	constructor(private readonly options: TriggerOptions) {
		this.params = { ...(options.params ?? {}) };
		this.webhookUrl = options.webhookUrl;
	}

	private parameter(name: string, fallback?: unknown): unknown {
		if (name in this.params) return this.params[name];
		const property = this.node.description.properties.find((candidate) => candidate.name === name);
		return fallback !== undefined ? fallback : property?.default;
	}

	private logger() {
		const log = (level: string) => (message: string) => this.logs.push(`${level} ${message}`);
		return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
	}

	hookFunctions(): IHookFunctions {
		const fn = {
			getNode: () => ({ ...TRIGGER_NODE, parameters: this.params }),
			getCredentials: async () => ({ ...this.options.credentials }),
			getNodeParameter: (name: string, fallback?: unknown) => this.parameter(name, fallback),
			getNodeWebhookUrl: () => this.webhookUrl,
			getWorkflowStaticData: () => this.staticData,
			getWorkflow: () =>
				this.options.workflow ?? { id: 'wf-1', name: 'Badge printing', active: true },
			getMode: () => this.options.mode ?? 'trigger',
			getActivationMode: () => 'activate',
			getWebhookName: () => 'default',
			logger: this.logger(),
			helpers: { httpRequest: n8nLikeHttpRequest },
		};
		return fn as unknown as IHookFunctions;
	}

	async checkExists(): Promise<boolean> {
		return await this.node.webhookMethods.default.checkExists.call(this.hookFunctions());
	}

	async create(): Promise<boolean> {
		return await this.node.webhookMethods.default.create.call(this.hookFunctions());
	}

	async delete(): Promise<boolean> {
		return await this.node.webhookMethods.default.delete.call(this.hookFunctions());
	}

	/** Runs the node's webhook() on a captured delivery. */
	async receive(delivery: CapturedDelivery, webhookUrl = this.webhookUrl): Promise<WebhookAnswer> {
		const response: WebhookAnswer['response'] = {};
		const request = {
			method: delivery.method,
			url: delivery.url,
			headers: delivery.headers,
			rawBody: delivery.rawBody,
			body: {},
		};
		const fn = {
			getNode: () => ({ ...TRIGGER_NODE, parameters: this.params }),
			getMode: () => this.options.mode ?? 'trigger',
			getNodeParameter: (name: string, fallback?: unknown) => this.parameter(name, fallback),
			getNodeWebhookUrl: () => webhookUrl,
			getWorkflowStaticData: () => this.staticData,
			getRequestObject: () => request,
			getResponseObject: () => ({
				writeHead: (status: number) => {
					response.status = status;
				},
				end: (body?: string) => {
					response.body = body;
				},
			}),
			getBodyData: () => request.body,
			getHeaderData: () => request.headers,
			logger: this.logger(),
		};
		const result = await this.node.webhook.call(fn as unknown as IWebhookFunctions);
		return { result, response };
	}
}
