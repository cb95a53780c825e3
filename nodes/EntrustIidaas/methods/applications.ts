import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { createClient } from '../framework/client';

export async function searchApplications(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const applications =
		(await client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/applications/adminapi',
			permission: 'APPLICATIONS:VIEW',
		})) ?? [];
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = applications
		.filter(
			(application) =>
				needle === '' ||
				[application.name, application.description, application.id].some((value) =>
					String(value ?? '')
						.toLowerCase()
						.includes(needle),
				),
		)
		.map((application) => ({
			name:
				[application.name, application.applicationTemplate].filter(Boolean).join(' — ') ||
				String(application.id),
			value: String(application.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Templates that make Admin API applications (the only kind these operations create). */
export async function getApplicationTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const client = await createClient(this);
	const templates =
		(await client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/applications/templates',
			permission: 'TEMPLATES:VIEW',
		})) ?? [];
	return templates
		.filter((template) => template.authenticationMethod === 'ADMINAPI')
		.map((template) => ({
			name: String(template.name),
			value: String(template.id),
			description: typeof template.description === 'string' ? template.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
