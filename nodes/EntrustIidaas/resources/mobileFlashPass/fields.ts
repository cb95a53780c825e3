import type { INodeProperties } from 'n8n-workflow';

import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import {
	fail,
	PATTERNS,
	requirePattern,
	requireText,
	UUID_LIKE_HINT,
} from '../../framework/validation';

export const PERMISSIONS = {
	add: 'ISSUANCE:ADD',
	view: 'ISSUANCE:VIEW',
	remove: 'ISSUANCE:REMOVE',
};

export const WHERE_TO_CHECK_OPERATIONS = 'Check the operations with Mobile Flash Pass → Get Many';

export const operationIdField: INodeProperties = {
	displayName: 'Operation ID',
	name: 'operationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0476a834-7e5b-457c-8676-b2c8d7688e02',
	description: 'The ID of the bulk operation that Issue returned (operationId)',
};

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
	return requirePattern(
		ctx,
		'Operation ID',
		param(ctx, 'operationId'),
		PATTERNS.uuidLike,
		UUID_LIKE_HINT,
	);
}

export function readClaimToken(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	const token = requireText(ctx, 'Claim Token', param(ctx, 'claimToken'));
	if (/\s/.test(token)) fail(ctx, 'Claim Token', 'must not contain spaces');
	return token;
}

export function readBinaryPropertyName(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requireText(ctx, 'Put Output File in Field', param(ctx, 'binaryPropertyName', 'data'));
}
