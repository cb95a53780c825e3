import type { ResourceDefinition } from '../framework/types';
import { printerResource } from './printer';
import { printJobResource } from './printJob';
import { enrollmentResource } from './enrollment';
import { bulkPrintResource } from './bulkPrint';
import { mobileFlashPassResource } from './mobileFlashPass';
import { roleResource } from './role';
import { webhookResource } from './webhook';
import { applicationResource } from './application';
import { tenantResource } from './tenant';

/** Every resource of the node, in the order of the Resource dropdown. Adding one is one line here. */
export const resources: ResourceDefinition[] = [
	printerResource,
	printJobResource,
	enrollmentResource,
	bulkPrintResource,
	mobileFlashPassResource,
	roleResource,
	webhookResource,
	applicationResource,
	tenantResource,
];
