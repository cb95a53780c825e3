import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { createClient } from '../framework/client';

/** Enrollment designs by ID: the webhook filter names designs by ID (the enrollment endpoints use names). */
export async function getEnrollmentDesignIds(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const client = await createClient(this);
	const designs =
		(await client.request<IDataObject[]>({
			method: 'GET',
			path: '/v2/enrollments/enrollmentDesigns',
			permission: 'ENROLLMENTS:VIEW',
		})) ?? [];
	return designs
		.filter((design) => typeof design.id === 'string' && design.id !== '')
		.map((design) => ({ name: String(design.name || design.id), value: String(design.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
