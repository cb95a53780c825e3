import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BinaryResponse } from '../transport/responseBody';
import type { ItemContext } from './types';
import { fail } from './validation';

export interface ImageData {
	buffer: Buffer;
	mimeType: 'image/png' | 'image/jpeg';
}

function sniffImageType(buffer: Buffer): ImageData['mimeType'] | undefined {
	if (
		buffer.length >= 8 &&
		buffer.readUInt32BE(0) === 0x89504e47 &&
		buffer.readUInt32BE(4) === 0x0d0a1a0a
	)
		return 'image/png';
	if (buffer.length >= 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff)
		return 'image/jpeg';
	return undefined;
}

/**
 * Reads a PNG or JPEG from the item's binary property, checking presence, type and size before
 * anything is sent. The buffer is read per item so a large run never holds all images at once.
 */
export async function readImage(
	ctx: ItemContext,
	field: string,
	propertyName: string,
	maxBytes: number,
): Promise<ImageData> {
	const name = propertyName.trim();
	if (name === '') fail(ctx, field, 'name the binary property that holds the image');
	const binary = ctx.item.binary?.[name];
	if (!binary) {
		const available = Object.keys(ctx.item.binary ?? {});
		fail(
			ctx,
			field,
			`the input item has no binary property "${name}"`,
			available.length > 0
				? `Binary properties on this item: ${available.join(', ')}.`
				: 'This item has no binary data at all.',
		);
	}
	const buffer = await ctx.fn.helpers.getBinaryDataBuffer(ctx.itemIndex, name);
	if (buffer.length > maxBytes) {
		fail(
			ctx,
			field,
			`the image in "${name}" is ${(buffer.length / 1048576).toFixed(1)} MB; IIDaaS accepts at most ${(maxBytes / 1048576).toFixed(0)} MB`,
		);
	}
	const mimeType = sniffImageType(buffer);
	if (!mimeType)
		fail(
			ctx,
			field,
			`the binary property "${name}" is not a PNG or JPEG image (${binary.mimeType || 'unknown type'})`,
		);
	return { buffer, mimeType };
}

export function toDataUri(image: ImageData): string {
	return `data:${image.mimeType};base64,${image.buffer.toString('base64')}`;
}

/**
 * A downloaded file as an output item: metadata in JSON, bytes in the chosen binary field. The MIME type is the
 * one the spec declares; the file name is the service's when it sends one.
 */
export async function fileOutput(
	ctx: ItemContext,
	property: string,
	file: BinaryResponse,
	declared: { fileName: string; mimeType: string },
	json: IDataObject,
): Promise<INodeExecutionData> {
	const fileName = file.fileName ?? declared.fileName;
	const binary = await ctx.fn.helpers.prepareBinaryData(file.data, fileName, declared.mimeType);
	return {
		json: { ...json, fileName, mimeType: declared.mimeType, fileSize: file.data.length },
		binary: { [property]: binary },
	};
}
