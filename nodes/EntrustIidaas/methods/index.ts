import { getApplicationTemplates, searchApplications } from './applications';
import { getEnrollmentDesigns } from './enrollmentDesigns';
import { getEnrollmentFields } from './enrollmentFields';
import { searchPrinters } from './printers';
import { searchRoles } from './roles';
import { searchTenants } from './tenants';
import { searchWebhooks } from './webhooks';

/** Resource-locator searches, by the name the locators' `searchListMethod` uses. One line per method. */
export const listSearch = {
	searchWebhooks,
	searchPrinters,
	searchRoles,
	searchApplications,
	searchTenants,
};

/** Dropdown loaders, by the name the fields' `loadOptionsMethod` uses. One line per method. */
export const loadOptions = {
	getEnrollmentDesigns,
	getApplicationTemplates,
};

/** Resource mapper field lists, by the name the mappers' `resourceMapperMethod` uses. */
export const resourceMapping = {
	getEnrollmentFields,
};
