import { searchPrinters } from './printers';

/** Resource-locator searches, by the name the locators' `searchListMethod` uses. One line per method. */
export const listSearch = {
	searchPrinters,
};

/** Dropdown loaders, by the name the fields' `loadOptionsMethod` uses. One line per method. */
export const loadOptions = {};
