/** Types for webhookDelivery.js (signed IIDaaS webhook deliveries). */
import type { Emulator } from './index';

export interface WebhookEvent {
	id: string;
	type: string;
	accountId: string;
	eventTime: string;
	data: Record<string, unknown>;
	[key: string]: unknown;
}

export interface BrokenDeliveryOptions {
	/** Body changed after signing. */
	tamper?: boolean;
	/** No Signature / Signature-Input headers. */
	unsigned?: boolean;
	/** Signed with another token. */
	wrongToken?: boolean;
	/** `created` one hour ago. */
	replayOld?: boolean;
	createdOffsetSeconds?: number;
	keyid?: string;
	extraHeaders?: Record<string, string>;
}

export interface DeliveryResult {
	status: number;
	body?: string;
	error?: string;
}

export interface DeliveryRecord {
	webhookId: string;
	eventId: string;
	type: string;
	url: string;
	status: number;
	error?: string;
	at: number;
}

export const LABEL: string;
export const COMPONENTS: string[];
export function contentDigest(body: Buffer): string;
export function signatureBase(input: {
	method: string;
	url: string;
	digest: string;
	params: string;
}): string;
export function signHeaders(input: {
	url: string;
	token: string;
	body: Buffer | string;
	method?: string;
	created?: number;
	keyid?: string;
	label?: string;
	components?: string[];
}): Record<string, string>;
export function sendDelivery(
	input: { url: string; token: string; event: unknown } & BrokenDeliveryOptions,
): Promise<DeliveryResult>;
export function buildEvent(
	ctx: Emulator['ctx'],
	type: string,
	data?: Record<string, unknown>,
): WebhookEvent;
export function deliver(
	ctx: Emulator['ctx'],
	webhook: Record<string, any>,
	event: WebhookEvent,
	options?: BrokenDeliveryOptions & { url?: string },
): Promise<DeliveryRecord>;
export function emitEvent(
	ctx: Emulator['ctx'],
	type: string,
	data?: Record<string, unknown>,
): Promise<DeliveryRecord[]>;
export function settle(ctx: Emulator['ctx']): Promise<void>;
export function webhooksOf(ctx: Emulator['ctx']): Map<string, Record<string, any>>;
