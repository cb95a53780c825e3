import { NodeOperationError } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { applicationLocator, PERMISSIONS, readApplicationId } from './fields';

export const regenerateApplicationSecret = defineOperation({
	value: 'regenerateSecret',
	name: 'Regenerate Shared Secret',
	action: 'Regenerate the shared secret of an application',
	description:
		'Replace an application’s shared secret; the old one stops working at once. The new one is output in the field sharedSecret.',
	destructive: true,
	properties: [
		applicationLocator(),
		{
			displayName:
				'The old shared secret stops working at once. If this node’s own credential uses this application, update the credential with the new secret before the next run.',
			name: 'regenerateNotice',
			type: 'notice',
			default: '',
		},
	],
	async execute(ctx) {
		const applicationId = readApplicationId(ctx);
		const answer = await ctx.client.request<unknown>({
			method: 'PUT',
			path: '/v1/applications/adminapi/regenerate/{id}',
			pathParams: { id: applicationId },
			// Each call makes a new secret and voids the previous one: never resend after it may have been processed.
			idempotent: false,
			permission: PERMISSIONS.edit,
			whereToCheck:
				'Try authenticating with the old shared secret: if it is refused, the secret was replaced and the new one was lost, so regenerate it again',
			itemIndex: ctx.itemIndex,
		});
		// The service answers a bare JSON string; accept an object holding it too. Never echo the answer in errors.
		const sharedSecret =
			typeof answer === 'string'
				? answer
				: (answer as { sharedSecret?: unknown } | undefined)?.sharedSecret;
		if (typeof sharedSecret !== 'string' || sharedSecret === '') {
			throw new NodeOperationError(
				ctx.fn.getNode(),
				`IIDaaS accepted the request but its answer holds no shared secret [item ${ctx.itemIndex}]`,
				{
					itemIndex: ctx.itemIndex,
					description:
						'The old shared secret may already be invalid. Regenerate the secret again to get a usable one.',
				},
			);
		}
		return { applicationId, sharedSecret };
	},
});
