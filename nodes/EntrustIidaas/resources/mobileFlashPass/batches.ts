/**
 * The spec: "Request body payload must not exceed 200 KB." Bodies are kept under 200,000 bytes, which is within
 * the limit whether the service counts a KB as 1,000 or 1,024 bytes.
 */
export const MAX_BODY_BYTES = 200_000;

/** Bytes of `{"ids":[]}`, the body without IDs. */
const EMPTY_BODY_BYTES = Buffer.byteLength(JSON.stringify({ ids: [] }));

/** What one ID adds to the body: its JSON string and a comma. */
export function idBytes(id: string): number {
	return Buffer.byteLength(JSON.stringify(id)) + 1;
}

/** Whether one ID alone fits in a body. */
export function fitsInOneBody(id: string, maxBytes = MAX_BODY_BYTES): boolean {
	return EMPTY_BODY_BYTES + idBytes(id) - 1 <= maxBytes;
}

/** Splits IDs, in order, into as few `{ids}` bodies as `maxBytes` allows. Every ID must fit on its own. */
export function splitIntoBodies(ids: string[], maxBytes = MAX_BODY_BYTES): string[][] {
	const bodies: string[][] = [];
	let current: string[] = [];
	let size = EMPTY_BODY_BYTES - 1; // the first ID needs no comma
	for (const id of ids) {
		if (current.length > 0 && size + idBytes(id) > maxBytes) {
			bodies.push(current);
			current = [];
			size = EMPTY_BODY_BYTES - 1;
		}
		current.push(id);
		size += idBytes(id);
	}
	if (current.length > 0) bodies.push(current);
	return bodies;
}
