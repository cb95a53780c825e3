import { defineOperation } from '../../framework/define';
import { enrollmentIdField, readEnrollmentId } from '../enrollment/fields';
import { claimTokenField, PERMISSIONS, readClaimToken } from './fields';

export const getGooglePassUrl = defineOperation({
	value: 'getGooglePassUrl',
	name: 'Get Google Pass URL',
	action: 'Get the Google Wallet URL of a pass',
	description: 'Get the URL that saves an issued pass to Google Wallet',
	properties: [
		enrollmentIdField('The enrollment whose pass to get'),
		claimTokenField('Google Wallet'),
	],
	async execute(ctx) {
		const enrollmentId = readEnrollmentId(ctx);
		const claimToken = readClaimToken(ctx);
		const googlePassUrl = await ctx.client.request<string>({
			method: 'GET',
			path: '/v1/mobileFlashPass/downloads/google/{enrollmentId}/{claimToken}',
			pathParams: { enrollmentId, claimToken },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return { enrollmentId, googlePassUrl };
	},
});
