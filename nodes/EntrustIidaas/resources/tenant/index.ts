import { defineResource } from '../../framework/define';
import { createTenant } from './create.operation';
import { deleteTenant } from './delete.operation';
import { deleteTenantEntitlement } from './deleteEntitlement.operation';
import { getTenant } from './get.operation';
import { getManyTenants } from './getAll.operation';
import { getManyTenantEntitlements } from './getAllEntitlements.operation';
import { getManyTenantUsage } from './getAllUsage.operation';
import { getTenantCreateResult } from './getCreateResult.operation';
import { getTenantCreateStatus } from './getCreateStatus.operation';
import { getTenantEntitlement } from './getEntitlement.operation';
import { getTenantIdentityProvider } from './getIdentityProvider.operation';
import { lockTenant } from './lock.operation';
import { setTenantEntitlement } from './setEntitlement.operation';
import { setTenantIdentityProvider } from './setIdentityProvider.operation';
import { unlockTenant } from './unlock.operation';

export const tenantResource = defineResource({
	value: 'tenant',
	name: 'Tenant',
	description:
		'Tenants of a service provider account, with their entitlements and tenant management',
	operations: [
		createTenant,
		getTenantCreateStatus,
		getTenantCreateResult,
		getTenant,
		getManyTenants,
		deleteTenant,
		lockTenant,
		unlockTenant,
		getTenantEntitlement,
		getManyTenantEntitlements,
		setTenantEntitlement,
		deleteTenantEntitlement,
		getManyTenantUsage,
		getTenantIdentityProvider,
		setTenantIdentityProvider,
	],
});
