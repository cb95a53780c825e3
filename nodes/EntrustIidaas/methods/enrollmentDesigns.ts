import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { createClient } from '../framework/client';

/** Enrollment designs by name: the enrollment endpoints take the design's name, not its ID. */
export async function getEnrollmentDesigns(
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
		.filter((design) => typeof design.name === 'string' && design.name !== '')
		.map((design) => ({ name: String(design.name), value: String(design.name) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
