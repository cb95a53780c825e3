import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createClient } from '../framework/client';

export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const roles =
		(await client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/roles',
			permission: 'ROLES:VIEW',
		})) ?? [];
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = roles
		.filter(
			(role) =>
				needle === '' ||
				[role.roleName, role.roleDescription, role.id].some((value) =>
					String(value ?? '')
						.toLowerCase()
						.includes(needle),
				),
		)
		.map((role) => ({
			name: String(role.roleName ?? role.id),
			value: String(role.id),
			description: typeof role.roleDescription === 'string' ? role.roleDescription : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
