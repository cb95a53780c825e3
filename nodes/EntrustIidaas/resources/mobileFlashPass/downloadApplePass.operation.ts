import { fileOutput } from '../../framework/binary';
import { defineOperation } from '../../framework/define';
import { enrollmentIdField, readEnrollmentId } from '../enrollment/fields';
import { binaryPropertyField, claimTokenField, PERMISSIONS, readBinaryPropertyName, readClaimToken } from './fields';

export const downloadApplePass = defineOperation({
	value: 'downloadApplePass',
	name: 'Download Apple Pass',
	action: 'Download an Apple Wallet pass',
	description: 'Download an issued pass as an Apple Wallet file (.pkpass)',
	properties: [enrollmentIdField('The enrollment whose pass to download'), claimTokenField('Apple Wallet'), binaryPropertyField],
	async execute(ctx) {
		const enrollmentId = readEnrollmentId(ctx);
		const claimToken = readClaimToken(ctx);
		const property = readBinaryPropertyName(ctx);
		const file = await ctx.client.requestBinary({
			method: 'GET',
			path: '/v1/mobileFlashPass/downloads/apple/{enrollmentId}/{claimToken}',
			pathParams: { enrollmentId, claimToken },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return await fileOutput(ctx, property, file, { fileName: 'mobile-flash-pass.pkpass', mimeType: 'application/vnd.apple.pkpass' }, { enrollmentId });
	},
});
