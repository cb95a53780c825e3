import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { PERMISSIONS, WHERE_TO_CHECK_PRINTS } from './fields';

export const resumePrintJob = defineOperation({
	value: 'resume',
	name: 'Resume',
	action: 'Resume a held print job',
	description:
		'Release a print job held for pre-print approval (the ID comes from the credential.print webhook)',
	properties: [
		{
			displayName: 'Print Job ID',
			name: 'resumePrintJobId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '={{ $json.printJobId }}',
			description: 'The print job ID from the pre-print webhook event',
		},
	],
	async execute(ctx) {
		const printJobId = requireText(ctx, 'Print Job ID', param(ctx, 'resumePrintJobId'));
		const response = await ctx.client.request<IDataObject>({
			method: 'POST',
			path: '/v1/print/resume',
			body: { printJobId },
			permission: PERMISSIONS.add,
			whereToCheck: WHERE_TO_CHECK_PRINTS,
			itemIndex: ctx.itemIndex,
		});
		return { printJobId, resumed: true, ...(response ?? {}) };
	},
});
