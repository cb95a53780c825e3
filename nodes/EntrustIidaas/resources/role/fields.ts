import type { INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
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
	return searchableLocator({
		label: 'Role',
		name: 'roleId',
		searchListMethod: 'searchRoles',
		example: '5b0f3b8e-3a43-4c1e-9c39-8f6f0c1a0002',
		description,
	});
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

/** The role fields of the Simplified output (Output option; the default when an AI agent runs the node). */
export const ROLE_SUMMARY_FIELDS = [
	'id',
	'name',
	'description',
	'roleType',
	'defaultRole',
	'superAdministrator',
];
