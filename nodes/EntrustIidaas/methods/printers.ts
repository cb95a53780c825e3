import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createClient } from '../framework/client';

export async function searchPrinters(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const printers =
		(await client.request<IDataObject[]>({
			method: 'GET',
			path: '/v2/printers',
			permission: 'PRINTERS:VIEW',
		})) ?? [];
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = printers
		.filter(
			(printer) =>
				needle === '' ||
				[printer.name, printer.location, printer.deviceId, printer.id].some((value) =>
					String(value ?? '')
						.toLowerCase()
						.includes(needle),
				),
		)
		.map((printer) => ({
			name: [printer.name, printer.location].filter(Boolean).join(' — ') || String(printer.id),
			value: String(printer.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
