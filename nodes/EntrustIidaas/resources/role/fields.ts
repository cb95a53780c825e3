import type { INodeProperties } from 'n8n-workflow';

import { locatorValue, param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { PATTERNS, requirePattern } from '../../framework/validation';

export const PERMISSIONS = {
	view: 'ROLES:VIEW',
	userRolesView: 'USERSITEROLES:VIEW',
	userRolesEdit: 'USERSITEROLES:EDIT',
	userRolesRemove: 'USERSITEROLES:REMOVE',
};

const UUID_HINT = 'a UUID such as 5b0f3b8e-3a43-4c1e-9c39-8f6f0c1a0002';

/** Role picker: search the account's roles by name, or paste an ID. */
export function roleLocator(description: string): INodeProperties {
	return {
		displayName: 'Role',
		name: 'roleId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a role...',
				typeOptions: { searchListMethod: 'searchRoles', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: '5b0f3b8e-3a43-4c1e-9c39-8f6f0c1a0002',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[a-fA-F0-9-]{32,36}$', errorMessage: 'Not a valid role ID (32–36 hexadecimal characters and dashes)' },
					},
				],
			},
		],
	};
}

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '9d5c7a52-71d4-4f1e-8b7e-2a8d6f3c0001',
	description: 'The UUID of the IIDaaS user (administrator)',
};

export function readRoleId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'Role', locatorValue(ctx, 'roleId'), PATTERNS.uuidLike, UUID_HINT);
}

export function readUserId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'User ID', param(ctx, 'userId'), PATTERNS.uuidLike, UUID_HINT);
}
