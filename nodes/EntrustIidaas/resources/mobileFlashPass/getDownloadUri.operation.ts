import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { enrollmentIdField, readEnrollmentId } from '../enrollment/fields';
import { PERMISSIONS } from './fields';

export const getFlashPassDownloadUri = defineOperation({
	value: 'getDownloadUri',
	name: 'Get Download URI',
	action: 'Get the download URI of a mobile flash pass',
	description:
		'Get the link from which the holder adds an issued pass to Apple Wallet or Google Wallet',
	properties: [
		{
			displayName: 'Wallet',
			name: 'walletType',
			type: 'options',
			options: [
				{ name: 'Apple', value: 'apple' },
				{ name: 'Google', value: 'google' },
			],
			default: 'apple',
		},
		enrollmentIdField('The enrollment whose pass to link to'),
	],
	async execute(ctx) {
		const walletType = param<string>(ctx, 'walletType', 'apple') === 'google' ? 'google' : 'apple';
		const enrollmentId = readEnrollmentId(ctx);
		const downloadUri = await ctx.client.request<string>({
			method: 'GET',
			path: '/v1/mobileFlashPass/downloadUri/{walletType}/{enrollmentId}',
			pathParams: { walletType, enrollmentId },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return { enrollmentId, walletType, downloadUri, ...claimTokenOf(downloadUri, walletType) };
	},
});

/**
 * The download URI ends in `/downloads/{wallet}/{enrollmentId}/{claimToken}`: the claim token is output as a field of
 * its own so Download Apple Pass and Get Google Pass URL take it by expression. Left out when the URI has another form.
 */
function claimTokenOf(downloadUri: unknown, walletType: string): { claimToken?: string } {
	if (typeof downloadUri !== 'string') return {};
	const path = downloadUri.split(/[?#]/)[0];
	const match = new RegExp(`/downloads/${walletType}/[^/]+/([^/]+)$`, 'i').exec(path);
	return match ? { claimToken: decodeURIComponent(match[1]) } : {};
}
