import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from './types';

/** Reads a parameter of the current item. */
export function param<T = unknown>(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	name: string,
	fallback?: T,
): T {
	return ctx.fn.getNodeParameter(name, ctx.itemIndex, fallback) as T;
}

/** Reads a resource locator's value. */
export function locatorValue(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>, name: string): unknown {
	return ctx.fn.getNodeParameter(name, ctx.itemIndex, undefined, { extractValue: true });
}

/** Drops undefined, null and empty-string entries: optional fields the user left blank are not sent. */
export function compact(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = value;
	}
	return result;
}

/** Deep merge for JSON given next to UI fields: `override` wins on the same key. */
export function mergeDeep(base: IDataObject, override: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(override)) {
		const existing = result[key];
		const bothObjects = [existing, value].every(
			(entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
		);
		result[key] = bothObjects ? mergeDeep(existing as IDataObject, value as IDataObject) : value;
	}
	return result;
}
