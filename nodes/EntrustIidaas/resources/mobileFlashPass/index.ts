import { defineResource } from '../../framework/define';
import { cancelFlashPassOperation } from './cancel.operation';
import { downloadApplePass } from './downloadApplePass.operation';
import { downloadFlashPassLogs } from './downloadLogs.operation';
import { getFlashPassOperation } from './get.operation';
import { getManyFlashPassOperations } from './getAll.operation';
import { getFlashPassDownloadUri } from './getDownloadUri.operation';
import { getGooglePassUrl } from './getGooglePassUrl.operation';
import { issueFlashPasses } from './issue.operation';

export const mobileFlashPassResource = defineResource({
	value: 'mobileFlashPass',
	name: 'Mobile Flash Pass',
	description: 'Issue Apple Wallet and Google Wallet passes for enrollments, in bulk',
	operations: [
		issueFlashPasses,
		getFlashPassOperation,
		getManyFlashPassOperations,
		cancelFlashPassOperation,
		downloadFlashPassLogs,
		getFlashPassDownloadUri,
		downloadApplePass,
		getGooglePassUrl,
	],
});
