import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createClient } from '../framework/client';
import { WEBHOOK_PERMISSIONS } from '../webhooks/permissions';

export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const webhooks =
		(await client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/webhooks',
			permission: WEBHOOK_PERMISSIONS.view,
		})) ?? [];
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = webhooks
		.filter(
			(webhook) =>
				needle === '' ||
				[webhook.name, webhook.callbackUrl, webhook.id].some((value) =>
					String(value ?? '')
						.toLowerCase()
						.includes(needle),
				),
		)
		.map((webhook) => ({ name: String(webhook.name ?? webhook.id), value: String(webhook.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
