import { fileOutput } from '../../framework/binary';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail } from '../../framework/validation';
import { enrollmentIdField, readEnrollmentId } from '../enrollment/fields';
import {
	binaryPropertyField,
	claimTokenField,
	PERMISSIONS,
	readBinaryPropertyName,
	readClaimToken,
} from './fields';

export const downloadApplePass = defineOperation({
	value: 'downloadApplePass',
	name: 'Download Apple Pass',
	action: 'Download an Apple Wallet pass',
	description: 'Download an issued pass as an Apple Wallet file (.pkpass)',
	properties: [
		enrollmentIdField('The enrollment whose pass to download'),
		claimTokenField('Apple Wallet'),
		binaryPropertyField,
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.employeeId }}.pkpass',
			description:
				'Name of the output file, e.g. one per employee; ".pkpass" is added when missing. Empty: the name IIDaaS gives, or mobile-flash-pass.pkpass.',
		},
	],
	async execute(ctx) {
		const enrollmentId = readEnrollmentId(ctx);
		const claimToken = readClaimToken(ctx);
		const property = readBinaryPropertyName(ctx);
		const fileName = readPassFileName(ctx);
		const file = await ctx.client.requestBinary({
			method: 'GET',
			path: '/v1/mobileFlashPass/downloads/apple/{enrollmentId}/{claimToken}',
			pathParams: { enrollmentId, claimToken },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		const named = fileName === undefined ? file : { ...file, fileName };
		return await fileOutput(
			ctx,
			property,
			named,
			{ fileName: 'mobile-flash-pass.pkpass', mimeType: 'application/vnd.apple.pkpass' },
			{ enrollmentId },
		);
	},
});

/** A file name of the user's, ending in .pkpass; path separators would make it a path, so they are refused. */
function readPassFileName(ctx: ItemContext): string | undefined {
	const name = String(param(ctx, 'fileName', '') ?? '').trim();
	if (name === '') return undefined;
	if (/[\\/]/.test(name)) fail(ctx, 'File Name', `"${name}" must be a file name, without / or \\`);
	return /\.pkpass$/i.test(name) ? name : `${name}.pkpass`;
}
