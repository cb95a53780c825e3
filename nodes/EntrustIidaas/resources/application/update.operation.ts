import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { fail, PATTERNS, requirePattern, requireText } from '../../framework/validation';
import { readApplication } from './api';
import {
	applicationLocator,
	applicationOptionFields,
	PERMISSIONS,
	readApplicationId,
	ROLE_ID_HINT,
} from './fields';

export const updateApplication = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an application',
	description:
		'Change an Admin API application’s name, description, role or other settings; fields left out stay as they are',
	destructive: true,
	properties: [
		applicationLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...applicationOptionFields,
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{
					displayName: 'Remove Service Provider Role',
					name: 'removeSpRole',
					type: 'boolean',
					default: false,
					description: 'Whether to take the service provider role away from the application',
				},
				{
					displayName: 'Remove Site Role',
					name: 'removeRole',
					type: 'boolean',
					default: false,
					description: 'Whether to take the site role away from the application',
				},
				{
					displayName: 'Role ID',
					name: 'roleId',
					type: 'string',
					default: '',
					description: 'The UUID of the site role to give the application',
				},
				{
					displayName: 'Service Provider Role ID',
					name: 'spRoleId',
					type: 'string',
					default: '',
					description: 'The UUID of the service provider role to give the application',
				},
			],
		},
	],
	async execute(ctx) {
		const id = readApplicationId(ctx);
		const { removeRole, removeSpRole, ...fields } = param<IDataObject>(ctx, 'updateFields', {});
		const body = compact(fields);
		if (body.name !== undefined) body.name = requireText(ctx, 'Name', body.name);
		if (body.roleId !== undefined)
			body.roleId = requirePattern(ctx, 'Role ID', body.roleId, PATTERNS.uuidLike, ROLE_ID_HINT);
		if (body.spRoleId !== undefined)
			body.spRoleId = requirePattern(
				ctx,
				'Service Provider Role ID',
				body.spRoleId,
				PATTERNS.uuidLike,
				ROLE_ID_HINT,
			);
		// The API unsets a role when it gets an empty string for it.
		if (removeRole === true) body.roleId = body.roleId ?? '';
		if (removeSpRole === true) body.spRoleId = body.spRoleId ?? '';
		if (Object.keys(body).length === 0)
			fail(ctx, 'Update Fields', 'add at least one field to change');

		// The API requires the name on every update: keep the current one unless a new one is given.
		if (body.name === undefined) {
			body.name = requireText(ctx, 'Name', (await readApplication(ctx, id))?.name);
		}
		return await ctx.client.request<IDataObject>({
			method: 'PUT',
			path: '/v1/applications/adminapi/{id}',
			pathParams: { id },
			body,
			// Sets the given values: sending it twice leaves the same result.
			idempotent: true,
			permission: PERMISSIONS.edit,
			itemIndex: ctx.itemIndex,
		});
	},
});
