import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS, requirePattern, requireText } from '../../framework/validation';
import type { BinaryResponse, IidaasClient } from '../../transport/client';

export const PERMISSIONS = {
	add: 'ISSUANCE:ADD',
	view: 'ISSUANCE:VIEW',
	remove: 'ISSUANCE:REMOVE',
};

/** Bulk operation states: the first three move on, the last three are final. */
export const FINAL_STATES = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const UNSUCCESSFUL_STATES = ['FAILED', 'CANCELLED'];
export const WHERE_TO_CHECK_OPERATIONS = 'Check the operations with Mobile Flash Pass → Get Many';

/** Enrollment IDs are base64 (standard, sometimes URL-safe or unpadded); the client percent-encodes them in paths. */
const ENROLLMENT_ID = /^[A-Za-z0-9+/_-]+={0,2}$/;
const ENROLLMENT_ID_HINT = 'a base64 enrollment ID as returned by Read Enrollments, such as eyJ3b3JrZmxvd0lkIjoi...';
const OPERATION_ID_HINT = 'a 32–36 character ID of hexadecimal digits and dashes';

export const operationIdField: INodeProperties = {
	displayName: 'Operation ID',
	name: 'operationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0476a834-7e5b-457c-8676-b2c8d7688e02',
	description: 'The ID of the bulk operation that Issue returned (operationId)',
};

export function enrollmentIdField(description: string): INodeProperties {
	return {
		displayName: 'Enrollment ID',
		name: 'enrollmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'eyJ3b3JrZmxvd0lkIjoiZDkyZmU1OTgtYmU5MC00N2QzLWJmNWEtZmM2MDJmZjNkOGY0Iiwid2hlcmVDbGF1c2UiOnsiSUQiOiIxIn19',
		description,
	};
}

export function claimTokenField(wallet: string): INodeProperties {
	return {
		displayName: 'Claim Token',
		name: 'claimToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: `The random ${wallet} claim token of the pass: the last segment of its download URI`,
	};
}

export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

export function readOperationId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'Operation ID', param(ctx, 'operationId'), PATTERNS.uuidLike, OPERATION_ID_HINT);
}

export function checkEnrollmentId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>, value: unknown): string {
	return requirePattern(ctx, 'Enrollment ID', value, ENROLLMENT_ID, ENROLLMENT_ID_HINT);
}

export function readEnrollmentId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return checkEnrollmentId(ctx, param(ctx, 'enrollmentId'));
}

export function readClaimToken(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	const token = requireText(ctx, 'Claim Token', param(ctx, 'claimToken'));
	if (/\s/.test(token)) fail(ctx, 'Claim Token', 'must not contain spaces');
	return token;
}

export function readBinaryPropertyName(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requireText(ctx, 'Put Output File in Field', param(ctx, 'binaryPropertyName', 'data'));
}

/** The state of a bulk operation: the shape Get answers and Issue polls. */
export function readOperation(client: IidaasClient, operationId: string, itemIndex: number): Promise<IDataObject> {
	return client.request<IDataObject>({
		method: 'GET',
		path: '/v1/mobileFlashPass/{id}',
		pathParams: { id: operationId },
		permission: PERMISSIONS.view,
		itemIndex,
	});
}

/**
 * A downloaded file as an output item: metadata in JSON, bytes in the chosen binary field. The MIME type is the
 * one the spec declares; the file name is the service's when it sends one.
 */
export async function binaryOutput(
	ctx: ItemContext,
	property: string,
	file: BinaryResponse,
	declared: { fileName: string; mimeType: string },
	json: IDataObject,
): Promise<INodeExecutionData> {
	const fileName = file.fileName ?? declared.fileName;
	const binary = await ctx.fn.helpers.prepareBinaryData(file.data, fileName, declared.mimeType);
	return { json: { ...json, fileName, mimeType: declared.mimeType, fileSize: file.data.length }, binary: { [property]: binary } };
}
