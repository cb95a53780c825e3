import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import type { ItemContext } from './types';

export const PATTERNS = {
	/** Printer, print status and print job IDs: UUIDs with or without dashes. */
	uuidLike: /^[a-fA-F0-9-]{32,36}$/,
	/** The printer's 16-hex device ID from its LCD. */
	deviceId: /^[a-fA-F0-9]{16}$/,
	hex: /^(?:[a-fA-F0-9]{2})+$/,
	base64: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

/** What `PATTERNS.uuidLike` expects, for messages. */
export const UUID_LIKE_HINT = 'a 32–36 character ID of hexadecimal digits and dashes';

/** A NodeOperationError that names the field and the item; raised before anything is sent. */
export function invalidInput(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

export function fail(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	problem: string,
	description?: string,
): never {
	throw invalidInput(ctx.fn.getNode(), ctx.itemIndex, field, problem, description);
}

export function requirePattern(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
	pattern: RegExp,
	expectation: string,
): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (text === '') fail(ctx, field, 'is required');
	if (!pattern.test(text))
		fail(ctx, field, `"${truncate(text)}" is not valid: expected ${expectation}`);
	return text;
}

export function requireText(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (text === '') fail(ctx, field, 'is required');
	return text;
}

/** Accepts a JSON object given as text or as an object (from an expression). */
export function parseJsonObject(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
): IDataObject {
	if (value !== null && typeof value === 'object' && !Array.isArray(value))
		return value as IDataObject;
	if (typeof value !== 'string' || value.trim() === '') fail(ctx, field, 'must be a JSON object');
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch (error) {
		fail(ctx, field, `is not valid JSON (${(error as Error).message})`);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
		fail(ctx, field, 'must be a JSON object, not an array or a value');
	return parsed as IDataObject;
}

export function requirePositiveInteger(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
	max?: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1)
		fail(ctx, field, `must be a whole number of at least 1, not "${String(value)}"`);
	if (max !== undefined && number > max) fail(ctx, field, `must be at most ${max}, not ${number}`);
	return number;
}

function truncate(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
